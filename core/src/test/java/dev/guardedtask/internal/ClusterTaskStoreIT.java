package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import dev.guardedtask.testsupport.junit.RedisKeys;
import org.junit.jupiter.api.extension.RegisterExtension;



/**
 * The store contract on a Redis Cluster (3 masters + 3 replicas), through Redisson's cluster client, with the
 * cluster key scheme's keys: every key of a run in its task's slot. (With the plain keys the daily cases get
 * {@code CROSSSLOT}: {@code ClusterKeySchemeTest}.)
 */
class ClusterTaskStoreIT extends RedisStoreContract {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();


    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }

    @Override
    RedisKeys redis() {
        return redis;
    }
}
