package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.internal.TaskStore.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link TaskStore} must do, with the keys of one {@link KeyScheme}; each implementation's
 * test extends this class, once per scheme it is run with.
 */
abstract class TaskStoreContract {

    static final String TASK = "task_contract";
    static final String DAY = "20261128";
    static final String NEXT_DAY = "20261129";
    static final String ME = "aaaa1111";
    static final String OTHER = "deadbeef";
    static final long MINUTE = 60_000;
    static final long DAY_MILLIS = 86_400_000;

    final TaskKeys keys = new TaskKeys("", scheme());
    final RunKeys daily = keys.forRun(TASK, null, DAY, false);
    final RunKeys recurring = keys.forRun(TASK, null, DAY, true);
    /** {@code lock:task_contract:20261128}, or {@code lock:{task_contract}:20261128} */
    final String lock = daily.lock();
    final String success = daily.success();
    /** {@code lock:task_contract}, or {@code lock:{task_contract}} */
    final String taskLock = keys.taskLock(TASK);

    /** The scheme of the keys the contract is run with; called while the object is built. */
    KeyScheme scheme() {
        return KeyScheme.PLAIN;
    }

    abstract TaskStore store();

    /** The key's value as any client reads it, or null. */
    abstract String value(String key);

    /** The key's remaining time to live in ms, -2 if absent. */
    abstract long pttl(String key);

    abstract void put(String key, String value, Duration ttl);

    /** Returns once {@code key}, set to live {@code ttl}, has expired. */
    abstract void letExpire(String key, Duration ttl);

    Outcome acquire(RunKeys run, String taskId, long lockMillis) {
        return acquisition(run, taskId, lockMillis).outcome();
    }

    TaskStore.Acquisition acquisition(RunKeys run, String taskId, long lockMillis) {
        return TaskStore.await(store().acquire(run, taskId, lockMillis));
    }

    boolean renew(RunKeys run, String taskId, long lockMillis) {
        return TaskStore.await(store().renew(run, taskId, lockMillis));
    }

    boolean finish(RunKeys run, String taskId, long successMillis) {
        return TaskStore.await(store().finish(run, taskId, successMillis)).owned();
    }

    @Test
    void acquireSetsTheLockToTheRunIdWithTheLockTimeout() {
        assertThat(acquire(daily, ME, MINUTE)).isEqualTo(Outcome.ACQUIRED);

        assertThat(value(lock)).isEqualTo(ME);
        assertThat(pttl(lock)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(value(success)).isNull();
        assertThat(value(taskLock)).as("a daily run takes no task-level lock").isNull();
    }

    @Test
    void aResentAcquireOfTheSameRunGetsItsLockAgain() {
        acquire(daily, ME, 1_000);

        assertThat(acquire(daily, ME, MINUTE)).isEqualTo(Outcome.ACQUIRED);
        assertThat(value(lock)).isEqualTo(ME);
        assertThat(pttl(lock)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(acquire(daily, OTHER, MINUTE)).isEqualTo(Outcome.LOCK_HELD);
    }

    @Test
    void anExistingSuccessKeySkipsWithoutLocking() {
        put(success, "completed", Duration.ofDays(1));

        assertThat(acquire(daily, ME, MINUTE)).isEqualTo(Outcome.ALREADY_COMPLETED);
        assertThat(value(lock)).isNull();
    }

    @Test
    void aHeldLockSkipsAndIsLeftAlone() {
        put(lock, OTHER, Duration.ofMinutes(1));

        assertThat(acquire(daily, ME, MINUTE)).isEqualTo(Outcome.LOCK_HELD);
        assertThat(value(lock)).isEqualTo(OTHER);
    }

    @Test
    void aDailyRunForAnotherDateIsNotHeldByThisDatesLock() {
        acquire(daily, ME, MINUTE);

        assertThat(acquire(keys.forRun(TASK, null, NEXT_DAY, false), OTHER, MINUTE)).isEqualTo(Outcome.ACQUIRED);
        assertThat(value(keys.lock(TASK, NEXT_DAY))).isEqualTo(OTHER);
        assertThat(value(lock)).isEqualTo(ME);
    }

    @Test
    void aRecurringRunNeverReadsTheSuccessKey() {
        put(success, "completed", Duration.ofMinutes(1));

        assertThat(acquire(recurring, ME, MINUTE)).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aRecurringRunNeverWritesTheSuccessKeyAndReleasesBothLocks() {
        acquire(recurring, ME, MINUTE);

        assertThat(finish(recurring, ME, DAY_MILLIS)).isTrue();
        assertThat(value(success)).isNull();
        assertThat(value(lock)).isNull();
        assertThat(value(taskLock)).isNull();
    }

    @Test
    void aRecurringRunTakesItsDateLockAndTheTaskLockWithItsIdAndTimeout() {
        assertThat(acquire(recurring, ME, MINUTE)).isEqualTo(Outcome.ACQUIRED);

        assertThat(value(lock)).isEqualTo(ME);
        assertThat(value(taskLock)).isEqualTo(ME);
        assertThat(pttl(lock)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(pttl(taskLock)).isBetween(MINUTE - 5_000, MINUTE);
    }

    @Test
    void aRecurringRunForAnotherDateIsHeldByTheTaskLockAndTakesNothing() {
        acquire(recurring, ME, MINUTE);

        assertThat(acquire(keys.forRun(TASK, null, NEXT_DAY, true), OTHER, MINUTE)).isEqualTo(Outcome.LOCK_HELD);
        assertThat(value(keys.lock(TASK, NEXT_DAY))).isNull();
        assertThat(value(taskLock)).isEqualTo(ME);
    }

    @Test
    void aPerDateLockAloneHoldsARecurringRunAsAPythonWorkersLockWould() {
        put(lock, OTHER, Duration.ofMinutes(1));

        assertThat(acquire(recurring, ME, MINUTE)).isEqualTo(Outcome.LOCK_HELD);
        assertThat(value(taskLock)).isNull();
        assertThat(value(lock)).isEqualTo(OTHER);
    }

    @Test
    void aTaskLockAloneHoldsARecurringRun() {
        put(taskLock, OTHER, Duration.ofMinutes(1));

        assertThat(acquire(recurring, ME, MINUTE)).isEqualTo(Outcome.LOCK_HELD);
        assertThat(value(lock)).isNull();
        assertThat(value(taskLock)).isEqualTo(OTHER);
    }

    @Test
    void aResentRecurringAcquireGetsBothLocksAgainButNotOneThatIsNoLongerItsOwn() {
        acquire(recurring, ME, 1_000);

        assertThat(acquire(recurring, ME, MINUTE)).isEqualTo(Outcome.ACQUIRED);
        assertThat(pttl(lock)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(pttl(taskLock)).isBetween(MINUTE - 5_000, MINUTE);

        put(taskLock, OTHER, Duration.ofSeconds(10));
        assertThat(acquire(recurring, ME, MINUTE)).isEqualTo(Outcome.LOCK_HELD);
        assertThat(value(taskLock)).isEqualTo(OTHER);
        assertThat(pttl(taskLock)).isBetween(5_000L, 10_000L);
    }

    @Test
    void finishMarksSuccessWithItsTtlAndReleasesTheLock() {
        acquire(daily, ME, MINUTE);

        assertThat(finish(daily, ME, DAY_MILLIS)).isTrue();

        assertThat(value(lock)).isNull();
        assertThat(value(success)).isEqualTo("completed");
        assertThat(pttl(success)).isBetween(DAY_MILLIS - 5_000, DAY_MILLIS);
        assertThat(acquire(daily, OTHER, MINUTE)).isEqualTo(Outcome.ALREADY_COMPLETED);
    }

    @Test
    void aForeignLockSurvivesRelease() {
        put(lock, OTHER, Duration.ofMinutes(1));

        assertThat(finish(daily.withoutSuccess(), ME, DAY_MILLIS)).isFalse();

        assertThat(value(lock)).isEqualTo(OTHER);
    }

    @Test
    void aRecurringRunThatLostItsTaskLockReleasesItsDateLockOnlyAndReportsTheLoss() {
        acquire(recurring, ME, MINUTE);
        put(taskLock, OTHER, Duration.ofMinutes(1));

        assertThat(finish(recurring, ME, DAY_MILLIS)).isFalse();

        assertThat(value(lock)).isNull();
        assertThat(value(taskLock)).isEqualTo(OTHER);
    }

    @Test
    void finishStillMarksSuccessWhenTheLockWasLost() {
        assertThat(finish(daily, ME, DAY_MILLIS)).isFalse();

        assertThat(value(success)).isEqualTo("completed");
    }

    @Test
    void renewalExtendsTheTtlOfTheRunsOwnLock() {
        acquire(daily, ME, 1_000);

        assertThat(renew(daily, ME, MINUTE)).isTrue();

        assertThat(pttl(lock)).isBetween(MINUTE - 5_000, MINUTE);
    }

    @Test
    void renewalExtendsBothLocksOfARecurringRun() {
        acquire(recurring, ME, 1_000);

        assertThat(renew(recurring, ME, MINUTE)).isTrue();

        assertThat(pttl(lock)).isBetween(MINUTE - 5_000, MINUTE);
        assertThat(pttl(taskLock)).isBetween(MINUTE - 5_000, MINUTE);
    }

    @Test
    void renewalNeverExtendsAForeignLock() {
        put(lock, OTHER, Duration.ofSeconds(10));

        assertThat(renew(daily, ME, MINUTE)).isFalse();

        assertThat(value(lock)).isEqualTo(OTHER);
        assertThat(pttl(lock)).isBetween(5_000L, 10_000L);
    }

    @Test
    void renewalOfARecurringRunThatLostItsTaskLockExtendsNeitherLock() {
        acquire(recurring, ME, 10_000);
        put(taskLock, OTHER, Duration.ofSeconds(10));

        assertThat(renew(recurring, ME, MINUTE)).isFalse();

        assertThat(pttl(lock)).isBetween(5_000L, 10_000L);
        assertThat(value(taskLock)).isEqualTo(OTHER);
        assertThat(pttl(taskLock)).isBetween(5_000L, 10_000L);
    }

    @Test
    void anAbsentKeyHasNoValueAndPttlMinusTwo() {
        assertThat(value(lock)).isNull();
        assertThat(pttl(lock)).isEqualTo(-2);
    }

    @Test
    void renewalOfAGoneLockReportsItAndCreatesNothing() {
        assertThat(renew(recurring, ME, MINUTE)).isFalse();

        assertThat(value(lock)).isNull();
        assertThat(value(taskLock)).isNull();
    }

    @Test
    void expiryFreesTheLocks() {
        acquire(recurring, ME, 200);

        letExpire(taskLock, Duration.ofMillis(200));

        assertThat(acquire(recurring, OTHER, MINUTE)).isEqualTo(Outcome.ACQUIRED);
        assertThat(value(lock)).isEqualTo(OTHER);
        assertThat(value(taskLock)).isEqualTo(OTHER);
    }

    @Test
    void eachAcquisitionGetsTheNextFencingTokenOfItsTaskWhateverTheDate() {
        assertThat(acquisition(daily, ME, MINUTE)).isEqualTo(TaskStore.Acquisition.acquired(1));
        finish(daily, ME, DAY_MILLIS);
        RunKeys nextDay = keys.forRun(TASK, null, NEXT_DAY, false);

        assertThat(acquisition(nextDay, OTHER, MINUTE)).isEqualTo(TaskStore.Acquisition.acquired(2));
        assertThat(acquisition(recurring, "cccc3333", MINUTE))
                .as("a recurring run of the same task shares its counter").isEqualTo(TaskStore.Acquisition.acquired(3));
        assertThat(value(keys.fence(TASK))).isEqualTo("3");
    }

    @Test
    void aSkippedCallGetsNoTokenAndLeavesTheCounterAlone() {
        acquire(daily, ME, MINUTE);

        assertThat(acquisition(daily, OTHER, MINUTE)).isEqualTo(TaskStore.Acquisition.LOCK_HELD);
        finish(daily, ME, DAY_MILLIS);
        assertThat(acquisition(daily, OTHER, MINUTE)).isEqualTo(TaskStore.Acquisition.ALREADY_COMPLETED);
        assertThat(value(keys.fence(TASK))).isEqualTo("1");
    }

    @Test
    void aResentAcquireGetsANewGreaterToken() {
        acquire(daily, ME, MINUTE);

        assertThat(acquisition(daily, ME, MINUTE)).isEqualTo(TaskStore.Acquisition.acquired(2));
    }

    @Test
    void tasksCountTheirTokensApart() {
        acquire(daily, ME, MINUTE);

        assertThat(acquisition(keys.forRun("task_other", null, DAY, false), OTHER, MINUTE))
                .isEqualTo(TaskStore.Acquisition.acquired(1));
        assertThat(value(keys.fence(TASK))).isEqualTo("1");
        assertThat(value(keys.fence("task_other"))).isEqualTo("1");
    }

    @Test
    void racingAcquiresGiveTheLockToExactlyOneRun() throws Exception {
        List<Outcome> results = race(i -> daily);

        assertThat(results).containsOnlyOnce(Outcome.ACQUIRED)
                .filteredOn(a -> a != Outcome.ACQUIRED).containsOnly(Outcome.LOCK_HELD);
        assertThat(value(keys.fence(TASK))).as("one token handed out, to the winner").isEqualTo("1");
    }

    @Test
    void racingRecurringAcquiresForDifferentDatesGiveTheTaskToExactlyOneRun() throws Exception {
        List<Outcome> results = race(i -> keys.forRun(TASK, null, "2026112" + i, true));

        assertThat(results).containsOnlyOnce(Outcome.ACQUIRED)
                .filteredOn(a -> a != Outcome.ACQUIRED).containsOnly(Outcome.LOCK_HELD);
        int winner = results.indexOf(Outcome.ACQUIRED);
        for (int i = 0; i < results.size(); i++) {
            assertThat(value(keys.lock(TASK, "2026112" + i))).isEqualTo(i == winner ? String.format("%08x", i) : null);
        }
        assertThat(value(taskLock)).isEqualTo(String.format("%08x", winner));
    }

    /** Eight runs, run {@code i} with id {@code %08x} of {@code i}, acquiring at once: their outcomes by {@code i}. */
    private List<Outcome> race(java.util.function.IntFunction<RunKeys> keysOf) throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = String.format("%08x", i);
                RunKeys run = keysOf.apply(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return acquire(run, id, MINUTE);
                }));
            }
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
