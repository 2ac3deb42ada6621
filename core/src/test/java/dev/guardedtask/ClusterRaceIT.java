package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.util.Set;

/**
 * The race on a Redis Cluster (3 masters + 3 replicas), through Redisson's cluster client: the guards use the
 * cluster key scheme, every key of the task in its slot.
 */
class ClusterRaceIT extends RaceContract {

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
    Set<String> keyspace() {
        return redis.keyspace();
    }

    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }
}
