package dev.guardedtask.reliability;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * The long runs on a Redis Cluster (3 masters + 3 replicas), through Redisson's cluster client: the guards use
 * the cluster key scheme, every key of the task in its slot.
 */
class ClusterLongRunIT extends LongRunContract {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Override
    RedissonClient client() {
        return redis.client();
    }

    @Override
    RedissonClient connect() {
        return redis.connect();
    }

    @Override
    String get(String key) {
        return redis.get(key);
    }

    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }
}
