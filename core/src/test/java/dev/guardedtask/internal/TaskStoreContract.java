package dev.guardedtask.internal;

import dev.guardedtask.internal.TaskStore.Acquisition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link TaskStore} must do; each implementation's test extends this class. */
abstract class TaskStoreContract {

    static final String LOCK = "lock:task_contract:20261128";
    static final String SUCCESS = "success:task_contract:20261128";
    static final String ME = "aaaa1111";
    static final String OTHER = "deadbeef";
    static final long MINUTE = 60_000;
    static final long DAY = 86_400_000;

    abstract TaskStore store();

    /** The key's value as any client reads it, or null. */
    abstract String value(String key);

    /** The key's remaining time to live in ms, -2 if absent. */
    abstract long pttl(String key);

    abstract void put(String key, String value, Duration ttl);

    /** Returns once {@code key}, set to live {@code ttl}, has expired. */
    abstract void letExpire(String key, Duration ttl);

    Acquisition acquire(String lockKey, String successKey, String taskId, long lockMillis) {
        return TaskStore.await(store().acquire(lockKey, successKey, taskId, lockMillis));
    }

    boolean renew(String lockKey, String taskId, long lockMillis) {
        return TaskStore.await(store().renew(lockKey, taskId, lockMillis));
    }

    boolean finish(String lockKey, String successKey, String taskId, long successMillis) {
        return TaskStore.await(store().finish(lockKey, successKey, taskId, successMillis));
    }

    @Test
    void acquireSetsTheLockToTheRunIdWithTheLockTimeout() {
        assertThat(acquire(LOCK, SUCCESS, ME, MINUTE)).isEqualTo(Acquisition.ACQUIRED);

        assertThat(value(LOCK)).isEqualTo(ME);
        assertThat(pttl(LOCK)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(value(SUCCESS)).isNull();
    }

    @Test
    void aResentAcquireOfTheSameRunGetsItsLockAgain() {
        acquire(LOCK, SUCCESS, ME, 1_000);

        assertThat(acquire(LOCK, SUCCESS, ME, MINUTE)).isEqualTo(Acquisition.ACQUIRED);
        assertThat(value(LOCK)).isEqualTo(ME);
        assertThat(pttl(LOCK)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(acquire(LOCK, SUCCESS, OTHER, MINUTE)).isEqualTo(Acquisition.LOCK_HELD);
    }

    @Test
    void anExistingSuccessKeySkipsWithoutLocking() {
        put(SUCCESS, "completed", Duration.ofDays(1));

        assertThat(acquire(LOCK, SUCCESS, ME, MINUTE)).isEqualTo(Acquisition.ALREADY_COMPLETED);
        assertThat(value(LOCK)).isNull();
    }

    @Test
    void aHeldLockSkipsAndIsLeftAlone() {
        put(LOCK, OTHER, Duration.ofMinutes(1));

        assertThat(acquire(LOCK, SUCCESS, ME, MINUTE)).isEqualTo(Acquisition.LOCK_HELD);
        assertThat(value(LOCK)).isEqualTo(OTHER);
    }

    @Test
    void aRecurringRunNeverReadsTheSuccessKey() {
        put(SUCCESS, "completed", Duration.ofMinutes(1));

        assertThat(acquire(LOCK, null, ME, MINUTE)).isEqualTo(Acquisition.ACQUIRED);
    }

    @Test
    void aRecurringRunNeverWritesTheSuccessKey() {
        acquire(LOCK, null, ME, MINUTE);

        assertThat(finish(LOCK, null, ME, DAY)).isTrue();
        assertThat(value(SUCCESS)).isNull();
        assertThat(value(LOCK)).isNull();
    }

    @Test
    void finishMarksSuccessWithItsTtlAndReleasesTheLock() {
        acquire(LOCK, SUCCESS, ME, MINUTE);

        assertThat(finish(LOCK, SUCCESS, ME, DAY)).isTrue();

        assertThat(value(LOCK)).isNull();
        assertThat(value(SUCCESS)).isEqualTo("completed");
        assertThat(pttl(SUCCESS)).isBetween(DAY - 5_000, DAY);
        assertThat(acquire(LOCK, SUCCESS, OTHER, MINUTE)).isEqualTo(Acquisition.ALREADY_COMPLETED);
    }

    @Test
    void aForeignLockSurvivesRelease() {
        put(LOCK, OTHER, Duration.ofMinutes(1));

        assertThat(finish(LOCK, null, ME, DAY)).isFalse();

        assertThat(value(LOCK)).isEqualTo(OTHER);
    }

    @Test
    void finishStillMarksSuccessWhenTheLockWasLost() {
        assertThat(finish(LOCK, SUCCESS, ME, DAY)).isFalse();

        assertThat(value(SUCCESS)).isEqualTo("completed");
    }

    @Test
    void renewalExtendsTheTtlOfTheRunsOwnLock() {
        acquire(LOCK, null, ME, 1_000);

        assertThat(renew(LOCK, ME, MINUTE)).isTrue();

        assertThat(pttl(LOCK)).isBetween(MINUTE - 5_000, MINUTE);
    }

    @Test
    void renewalNeverExtendsAForeignLock() {
        put(LOCK, OTHER, Duration.ofSeconds(10));

        assertThat(renew(LOCK, ME, MINUTE)).isFalse();

        assertThat(value(LOCK)).isEqualTo(OTHER);
        assertThat(pttl(LOCK)).isBetween(5_000L, 10_000L);
    }

    @Test
    void anAbsentKeyHasNoValueAndPttlMinusTwo() {
        assertThat(value(LOCK)).isNull();
        assertThat(pttl(LOCK)).isEqualTo(-2);
    }

    @Test
    void renewalOfAGoneLockReportsItAndCreatesNothing() {
        assertThat(renew(LOCK, ME, MINUTE)).isFalse();

        assertThat(value(LOCK)).isNull();
    }

    @Test
    void expiryFreesTheLock() {
        acquire(LOCK, null, ME, 200);

        letExpire(LOCK, Duration.ofMillis(200));

        assertThat(acquire(LOCK, null, OTHER, MINUTE)).isEqualTo(Acquisition.ACQUIRED);
        assertThat(value(LOCK)).isEqualTo(OTHER);
    }

    @Test
    void racingAcquiresGiveTheLockToExactlyOneRun() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Acquisition>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = String.format("%08x", i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return acquire(LOCK, SUCCESS, id, MINUTE);
                }));
            }
            List<Acquisition> results = new ArrayList<>();
            for (Future<Acquisition> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsOnlyOnce(Acquisition.ACQUIRED)
                    .filteredOn(a -> a != Acquisition.ACQUIRED).containsOnly(Acquisition.LOCK_HELD);
        } finally {
            pool.shutdownNow();
        }
    }
}
