package dev.guardedtask.examples.weaving;

import dev.guardedtask.TaskGuard;
import org.redisson.api.RedissonClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Guards on a fixed clock, so "today" is {@link #TODAY} in every test. */
final class TestGuards {

    static final String TODAY = "20261128";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC);

    private TestGuards() {
    }

    static TaskGuard on(RedissonClient client) {
        return TaskGuard.builder().redisson(client).clock(CLOCK).zone(ZoneOffset.UTC).build();
    }
}
