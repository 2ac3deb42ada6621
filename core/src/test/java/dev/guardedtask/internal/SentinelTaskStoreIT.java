package dev.guardedtask.internal;

import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The store contract on a Sentinel group (master + replica + 3 sentinels), through Redisson's sentinel client. */
class SentinelTaskStoreIT extends TaskStoreContract {

    @RegisterExtension
    static final RedisSentinelExtension redis = new RedisSentinelExtension();

    private final TaskStore store = new RedisTaskStore(redis.client());

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
