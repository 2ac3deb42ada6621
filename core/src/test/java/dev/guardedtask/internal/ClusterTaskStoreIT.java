package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The store contract on a Redis Cluster (3 masters + 3 replicas), through Redisson's cluster client, with the
 * cluster key scheme's keys: every key of a run in its task's slot. (With the plain keys the daily cases get
 * {@code CROSSSLOT}: {@code ClusterKeySchemeTest}.)
 */
class ClusterTaskStoreIT extends TaskStoreContract {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    private final TaskStore store = new RedisTaskStore(redis.client());

    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }

    @Override
    TaskStore store() {
        return store;
    }

    @Override
    String value(String key) {
        return redis.get(key);
    }

    @Override
    long pttl(String key) {
        return redis.pttl(key);
    }

    @Override
    void put(String key, String value, Duration ttl) {
        redis.set(key, value, ttl);
    }

    @Override
    void letExpire(String key, Duration ttl) {
        await().atMost(ttl.plusSeconds(5)).until(() -> redis.pttl(key) == -2);
    }
}
