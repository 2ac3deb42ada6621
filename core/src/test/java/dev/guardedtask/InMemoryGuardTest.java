package dev.guardedtask;

import dev.guardedtask.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory store as a user gets it: same behaviour, TTLs on the guard's clock. */
class InMemoryGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final TaskGuard guard = TaskGuard.builder().inMemory().clock(clock).build();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    @Test
    void aDailyTaskRunsOnceUntilItsSuccessKeyExpiresOnTheClock() {
        TaskOptions task = TaskOptions.daily("task_report").withSuccessTtl(Duration.ofHours(1));

        guard.run(task, null, r -> runs.incrementAndGet());
        TaskResult skipped = guard.run(task, null, r -> runs.incrementAndGet());
        clock.advance(Duration.ofHours(1));
        TaskResult again = guard.run(task, null, r -> runs.incrementAndGet());

        assertThat(skipped.reason()).isEqualTo("already_completed");
        assertThat(again.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRunningTaskHoldsItsLockAgainstANestedCall() {
        TaskOptions task = TaskOptions.recurring("task_odds");

        TaskResult outer = guard.run(task, null, r -> {
            runs.incrementAndGet();
            TaskResult inner = guard.run(task, null, nested -> runs.incrementAndGet());
            r.warn("inner " + inner.status() + " " + inner.reason());
        });

        assertThat(runs).hasValue(1);
        assertThat(outer.warnings()).containsExactly("inner SKIPPED lock_held");
        assertThat(guard.run(task, null, r -> runs.incrementAndGet()).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void aDeadRunsLockFreesWhenItsTimeoutPassesOnTheClock() {
        TaskOptions task = TaskOptions.daily("task_report").withLockTimeout(Duration.ofMinutes(5));

        guard.run(task, null, r -> {
            clock.advance(Duration.ofMinutes(5)); // as if the worker had hung past its timeout without renewing
            assertThat(guard.run(task, null, other -> runs.incrementAndGet()).status()).isEqualTo(TaskStatus.SUCCESS);
        });

        assertThat(runs).hasValue(1);
    }
}
