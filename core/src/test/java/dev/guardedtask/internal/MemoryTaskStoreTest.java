package dev.guardedtask.internal;

import dev.guardedtask.testsupport.MutableClock;

import java.time.Duration;
import java.time.Instant;

class MemoryTaskStoreTest extends TaskStoreContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final MemoryTaskStore store = new MemoryTaskStore(clock);

    @Override
    TaskStore store() {
        return store;
    }

    @Override
    String value(String key) {
        return store.get(key);
    }

    @Override
    long pttl(String key) {
        return store.pttl(key);
    }

    @Override
    void put(String key, String value, Duration ttl) {
        store.put(key, value, ttl.toMillis());
    }

    @Override
    void letExpire(String key, Duration ttl) {
        clock.advance(ttl);
    }
}
