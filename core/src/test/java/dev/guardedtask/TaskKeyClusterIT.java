package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.util.Set;

/**
 * Keyed runs on a Redis Cluster (3 masters + 3 replicas) under the cluster key scheme: every key of a task, whatever
 * its key, in the task's slot with its fencing counter, so each script's keys are in one slot.
 */
class TaskKeyClusterIT extends TaskKeyContract {

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
