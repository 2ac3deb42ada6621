package dev.guardedtask.internal;

import dev.guardedtask.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTaskStoreTest extends TaskStoreContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final MemoryTaskStore store = new MemoryTaskStore(clock);

    @Test
    void everyThousandTwentyFourthWriteDropsEveryKeyExpiredByThen() {
        for (int i = 0; i < 1_023; i++) {
            store.put("old:" + i, "x", 1);
        }
        clock.advance(Duration.ofMillis(1)); // all of them expire now, untouched
        assertThat(store.size()).isEqualTo(1_023);

        store.put("fresh", "x", 1);

        assertThat(store.size()).isEqualTo(1);
        for (int i = 0; i < 1_023; i++) {
            store.put("next:" + i, "x", 60_000);
        }
        assertThat(store.size()).isEqualTo(1_024); // the count started again after the sweep
    }

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
