package dev.guardedtask.internal;

import dev.guardedtask.testsupport.junit.RedisKeys;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The contract on a real Redis of any topology: the store and the key access come from {@link #redis()}. */
abstract class RedisStoreContract extends TaskStoreContract {

    private final TaskStore store = new RedisTaskStore(redis().client());

    /** The subclass's registered extension (a static field, so set before this instance exists). */
    abstract RedisKeys redis();

    @Override
    TaskStore store() {
        return store;
    }

    @Override
    String value(String key) {
        return redis().get(key);
    }

    @Override
    long pttl(String key) {
        return redis().pttl(key);
    }

    @Override
    void put(String key, String value, Duration ttl) {
        redis().set(key, value, ttl);
    }

    @Override
    void letExpire(String key, Duration ttl) {
        await().atMost(ttl.plusSeconds(5)).until(() -> redis().pttl(key) == -2);
    }
}
