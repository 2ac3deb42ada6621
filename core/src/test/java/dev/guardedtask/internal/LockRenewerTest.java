package dev.guardedtask.internal;

import dev.guardedtask.internal.LockRenewer.Renewal;
import dev.guardedtask.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renewal on the in-memory store, whose clock the test moves together with the renewer's
 * {@link ManualTicker}: each tick runs on the test's thread when it falls due, so every outcome is
 * decided before the assertion, without waiting on the wall clock.
 */
class LockRenewerTest {

    static final String LOCK = "lock:task_x:20261128";
    static final RunKeys RUN = RunKeys.of(LOCK, null);
    static final String TASK_LOCK = "lock:task_x";
    static final RunKeys RECURRING_RUN = new RunKeys(List.of(LOCK, TASK_LOCK), null, null);
    static final long TIMEOUT = 300;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final MemoryTaskStore store = new MemoryTaskStore(clock);
    private final ManualTicker ticker = new ManualTicker();
    private final LockRenewer renewer = new LockRenewer(ticker);

    /** Moves the store's clock and the renewer's time together. */
    private void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
        ticker.advance(Duration.ofMillis(millis));
    }

    @Test
    void itResetsTheTimeToLiveOfALockTheRunStillOwnsEveryThirdOfTheTimeout() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        Renewal renewal = renewer.start(store, RUN, "aaaa1111", TIMEOUT, "test run");

        advance(99);
        assertThat(store.pttl(LOCK)).as("before the first tick").isEqualTo(201);
        advance(1);
        assertThat(store.pttl(LOCK)).as("renewed at the first tick").isEqualTo(TIMEOUT);
        for (int tick = 0; tick < 10; tick++) {
            advance(100);
            assertThat(store.pttl(LOCK)).as("renewed at every tick").isEqualTo(TIMEOUT);
        }
        assertThat(renewal.lost()).isFalse();
    }

    @Test
    void itReportsALockTakenByAnotherRunAndLeavesIt() {
        store.put(LOCK, "deadbeef", TIMEOUT);
        Renewal renewal = renewer.start(store, RUN, "aaaa1111", TIMEOUT, "test run");

        advance(100);

        assertThat(renewal.lost()).isTrue();
        assertThat(store.get(LOCK)).isEqualTo("deadbeef");
        assertThat(store.pttl(LOCK)).as("the other run's lock is not extended").isEqualTo(200);
    }

    @Test
    void itRenewsBothLocksOfARecurringRunAndReportsTheLossOfEitherExtendingNeither() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        store.put(TASK_LOCK, "aaaa1111", TIMEOUT);
        Renewal renewal = renewer.start(store, RECURRING_RUN, "aaaa1111", TIMEOUT, "test run");

        advance(100);
        assertThat(store.pttl(LOCK)).isEqualTo(TIMEOUT);
        assertThat(store.pttl(TASK_LOCK)).isEqualTo(TIMEOUT);
        store.put(TASK_LOCK, "deadbeef", TIMEOUT);
        advance(100);

        assertThat(renewal.lost()).isTrue();
        assertThat(store.pttl(LOCK)).as("its own per-date lock, no longer renewed").isEqualTo(200);
        assertThat(store.get(TASK_LOCK)).isEqualTo("deadbeef");
        assertThat(store.pttl(TASK_LOCK)).isEqualTo(200);
    }

    @Test
    void aReleaseHandedToTheNextTickReleasesBothLocksOfARecurringRun() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        store.put(TASK_LOCK, "aaaa1111", TIMEOUT);
        Renewal renewal = renewer.start(store, RECURRING_RUN, "aaaa1111", TIMEOUT, "test run");

        renewal.releaseOnNextTick(null, 60_000);
        advance(100);

        assertThat(store.get(LOCK)).isNull();
        assertThat(store.get(TASK_LOCK)).isNull();
    }

    @Test
    void aLockFoundLostIsNoLongerRenewedEvenIfItComesBack() {
        store.put(LOCK, "deadbeef", TIMEOUT);
        Renewal renewal = renewer.start(store, RUN, "aaaa1111", TIMEOUT, "test run");
        advance(100);
        store.put(LOCK, "aaaa1111", TIMEOUT);

        advance(150);

        assertThat(renewal.lost()).isTrue();
        assertThat(store.pttl(LOCK)).isEqualTo(150);
    }

    @Test
    void aStoppedRenewalNeitherRenewsNorReportsALoss() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        Renewal renewal = renewer.start(store, RUN, "aaaa1111", TIMEOUT, "test run");
        renewal.stop();

        advance(250);
        assertThat(store.pttl(LOCK)).isEqualTo(50);
        store.put(LOCK, "deadbeef", TIMEOUT);
        advance(250);
        assertThat(renewal.lost()).isFalse();
    }

    @Test
    void aClosedRenewerStopsRenewingAndStartsNothing() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        renewer.start(store, RUN, "aaaa1111", TIMEOUT, "test run");
        renewer.close();

        advance(250);

        assertThat(store.pttl(LOCK)).isEqualTo(50);
        assertThat(renewer.isClosed()).isTrue();
        assertThatThrownBy(() -> renewer.start(store, RUN, "aaaa1111", TIMEOUT, "test run"))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessage("the lock renewer is closed");
        assertThatThrownBy(() -> renewer.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aRenewalThatThrowsEndsNeitherItsTickerNorTheOtherRenewalsOfItsPeriod() {
        String other = "lock:task_y:20261128";
        store.put(LOCK, "aaaa1111", TIMEOUT);
        store.put(other, "bbbb2222", TIMEOUT);
        TaskStore throwing = new FaultyStore(store, FaultyStore.Operation.RENEW, 1, FaultyStore.How.THROWS,
                () -> new OutOfMemoryError("injected"));
        renewer.start(throwing, RUN, "aaaa1111", TIMEOUT, "broken run");
        renewer.start(throwing, RunKeys.of(other, null), "bbbb2222", TIMEOUT, "other run");

        advance(100);
        assertThat(store.pttl(LOCK) + store.pttl(other)).as("one renewed, one broken at the first tick")
                .isEqualTo(TIMEOUT + 200);
        advance(100);
        assertThat(store.pttl(LOCK)).isEqualTo(TIMEOUT);
        assertThat(store.pttl(other)).isEqualTo(TIMEOUT);
    }

    @Test
    void theRealTickerRunsHandedOffWorkOnItsOwnThread() throws Exception {
        LockRenewer real = new LockRenewer();
        try {
            java.util.concurrent.CompletableFuture<String> ranOn = new java.util.concurrent.CompletableFuture<>();
            real.execute(() -> ranOn.complete(Thread.currentThread().getName()));
            assertThat(ranOn.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("guardedtask-lock-renewal");
        } finally {
            real.close();
        }
    }

    @Test
    void withinFailsAStageThatHasNotCompletedByItsDeadlineOnTheRenewersThreadAndPassesTheOthersOn() {
        java.util.concurrent.CompletableFuture<String> never = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<String> later = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<String> failing = new java.util.concurrent.CompletableFuture<>();

        var boundedNever = renewer.within(never, 1_000);
        var boundedLater = renewer.within(later, 1_000);
        var boundedFailing = renewer.within(failing, 1_000);
        var done = renewer.within(java.util.concurrent.CompletableFuture.completedFuture("at once"), 1_000);
        advance(999);
        later.complete("answered");
        failing.completeExceptionally(new IllegalStateException("refused"));

        assertThat(boundedNever).as("before its deadline").isNotDone();
        advance(LockRenewer.DEADLINE_CHECK_MILLIS);
        assertThat(boundedNever).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause()
                .isInstanceOf(java.util.concurrent.TimeoutException.class).withMessage("no answer within 1000 ms");
        assertThat(boundedLater).isCompletedWithValue("answered");
        assertThat(boundedFailing).isCompletedExceptionally();
        assertThat(done).isCompletedWithValue("at once");
        assertThat(never).as("the stage itself is left alone").isNotDone();
    }

    @Test
    void withinOnAClosedRenewerDoesNotBoundTheStage() {
        java.util.concurrent.CompletableFuture<String> never = new java.util.concurrent.CompletableFuture<>();
        renewer.close();

        var bounded = renewer.within(never, 1_000);
        advance(5_000);

        assertThat(bounded).isNotDone();
        never.complete("late");
        assertThat(bounded).isCompletedWithValue("late");
    }

    @Test
    void renewalsStillOnTheirWayReportALostLockOnceAndNotAtAllAfterTheRunLeft() {
        StalledRenewals stalled = new StalledRenewals(store);
        store.put(LOCK, "aaaa1111", TIMEOUT);
        Renewal lost = renewer.start(stalled, RUN, "aaaa1111", TIMEOUT, "lost run");
        Renewal left = renewer.start(stalled, RunKeys.of("lock:task_y:20261128", null), "bbbb2222", TIMEOUT, "left run");
        advance(100);
        advance(100); // Redis stalls: two renewals of each run on their way

        String output;
        try (dev.guardedtask.testsupport.CapturedOutput captured = dev.guardedtask.testsupport.CapturedOutput.start()) {
            left.forget(); // e.g. its acquire failed: it never held the lock
            stalled.answerAll(false);
            output = captured.text();
        }

        assertThat(lost.lost()).isTrue();
        assertThat(left.lost()).isFalse();
        assertThat(output.lines().filter(line -> line.contains("lost run: lock")).count()).isEqualTo(1);
        assertThat(output).doesNotContain("left run");
    }

    /** Renewals that wait until the test answers them, as when Redis stalls; the rest goes to {@code store}. */
    private static final class StalledRenewals implements TaskStore {

        private final TaskStore store;
        private final List<java.util.concurrent.CompletableFuture<Boolean>> waiting =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        StalledRenewals(TaskStore store) {
            this.store = store;
        }

        void answerAll(boolean owned) {
            waiting.forEach(renewal -> renewal.complete(owned));
        }

        @Override
        public java.util.concurrent.CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis,
                                                                         Start start) {
            return store.acquire(keys, taskId, lockMillis, start);
        }

        @Override
        public java.util.concurrent.CompletionStage<Boolean> renew(RunKeys keys, String taskId, long lockMillis) {
            java.util.concurrent.CompletableFuture<Boolean> renewal = new java.util.concurrent.CompletableFuture<>();
            waiting.add(renewal);
            return renewal;
        }

        @Override
        public java.util.concurrent.CompletionStage<Release> finish(RunKeys keys, String taskId, long successMillis,
                                                                    Entry entry) {
            return store.finish(keys, taskId, successMillis, entry);
        }

        @Override
        public Duration answerBound() {
            return store.answerBound();
        }
    }
}
