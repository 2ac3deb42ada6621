package dev.guardedtask.test;

import dev.guardedtask.ChainReport;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.guardedtask.TaskResult.ALREADY_COMPLETED;
import static dev.guardedtask.TaskResult.LOCK_HELD;
import static dev.guardedtask.test.TaskResultAssert.TASK_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a test can say with the kit, on each store: {@link InMemoryKitTest} and {@link EmbeddedRedisKitTest}
 * extend it. The calls go through {@link GuardedTasks#guardFor}, as a woven method's do, so they prove the guard
 * is lent to the test's thread.
 */
abstract class TaskTesterContract {

    static final String DAILY = "task_daily";
    static final String RECURRING = "task_recurring";

    final AtomicInteger bodies = new AtomicInteger();

    TaskResult daily(String task, String date) {
        return GuardedTasks.guardFor(task).run(TaskOptions.daily(task), date, result -> bodies.incrementAndGet());
    }

    TaskResult recurring(String task, String date) {
        return GuardedTasks.guardFor(task).run(TaskOptions.recurring(task), date, result -> bodies.incrementAndGet());
    }

    TaskResult keyed(String task, String key, String date) {
        return GuardedTasks.guardFor(task).run(TaskOptions.daily(task).withKey(key), date,
                result -> bodies.incrementAndGet());
    }

    @Test
    void theClockStartsAtTheDefaultInstantSoTodayIs20260105(TaskTester tester, SettableClock clock) {
        assertThat(tester.today()).isEqualTo("20260105");
        assertThat(clock.instant()).hasToString("2026-01-05T09:00:00Z");
        assertThat(tester.clock()).isSameAs(clock);
    }

    @Test
    void runsAreRecordedInTheOrderTheCallsEnded(TaskTester tester) {
        daily(DAILY, null);
        recurring(RECURRING, null);
        daily(DAILY, null);

        assertThat(tester.runs()).extracting(TaskResult::task, TaskResult::reason)
                .containsExactly(tuple(DAILY, null),
                        tuple(RECURRING, null),
                        tuple(DAILY, ALREADY_COMPLETED));
        assertThat(tester.runs(DAILY)).hasSize(2);
        assertThat(tester.runs(DAILY).get(0)).asInstanceOf(TASK_RESULT).isSuccess().hasDate("20260105");
        assertThat(tester.runs(RECURRING)).singleElement(TASK_RESULT).isSuccess();
    }

    @Test
    void runsIsASnapshotThatLaterCallsDoNotChange(TaskTester tester) {
        daily(DAILY, null);
        List<TaskResult> before = tester.runs(DAILY);
        daily(DAILY, null);

        assertThat(before).hasSize(1);
        assertThat(tester.runs(DAILY)).hasSize(2);
        assertThatThrownBy(() -> before.add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDailyTaskRunsOnceThenIsSkippedAsAlreadyCompleted(TaskTester tester) {
        daily(DAILY, null);
        daily(DAILY, null);

        assertThat(bodies).hasValue(1);
        assertThat(tester.runs(DAILY).get(1)).asInstanceOf(TASK_RESULT).isSkipped(ALREADY_COMPLETED)
                .hasDate("20260105");
    }

    @Test
    void advancingTheClockADayRunsTheDailyTaskAgain(TaskTester tester) {
        daily(DAILY, null);
        tester.clock().advance(Duration.ofDays(1));
        daily(DAILY, null);

        assertThat(bodies).hasValue(2);
        assertThat(tester.today()).isEqualTo("20260106");
        assertThat(tester.runs(DAILY)).extracting(TaskResult::date).containsExactly("20260105", "20260106");
        assertThat(tester.runs(DAILY)).allSatisfy(run -> TaskResultAssert.assertThat(run).isSuccess());
    }

    @Test
    void markCompletedMakesTheNextCallSkipWithoutRunningTheBody(TaskTester tester) {
        tester.markCompleted(DAILY, "20260105");
        daily(DAILY, null);

        assertThat(bodies).hasValue(0);
        assertThat(tester.runs(DAILY)).singleElement(TASK_RESULT).isSkipped(ALREADY_COMPLETED).hasDate("20260105");
    }

    @Test
    void markCompletedIsForThatDateOnly(TaskTester tester) {
        tester.markCompleted(DAILY, "20260104");
        daily(DAILY, "20260105");

        assertThat(bodies).hasValue(1);
        assertThat(tester.runs(DAILY)).singleElement(TASK_RESULT).isSuccess();
    }

    @Test
    void aHeldLockSkipsTheDailyCallForItsDateAndEveryRecurringCallThenRunsAfterRelease(TaskTester tester) {
        try (HeldLock lock = tester.holdLock(DAILY, "20260105")) {
            assertThat(lock.isHeld()).isTrue();
            daily(DAILY, "20260105");
            recurring(DAILY, "20260105");
            recurring(DAILY, "20260106");
        }
        daily(DAILY, "20260105");

        assertThat(bodies).hasValue(1);
        assertThat(tester.runs(DAILY)).extracting(TaskResult::reason)
                .containsExactly(LOCK_HELD, LOCK_HELD, LOCK_HELD, null);
        assertThat(tester.runs(DAILY).get(3)).asInstanceOf(TASK_RESULT).isSuccess();
    }

    @Test
    void aHeldLockLetsADailyCallForAnotherDateRun(TaskTester tester) {
        try (HeldLock ignored = tester.holdLock(DAILY, "20260105")) {
            assertThat(daily(DAILY, "20260106")).satisfies(run -> TaskResultAssert.assertThat(run).isSuccess());
        }
        assertThat(bodies).hasValue(1);
    }

    @Test
    void aHeldLockMarksNothingCompleted(TaskTester tester) {
        tester.holdLock(DAILY, "20260105").release();
        daily(DAILY, "20260105");

        assertThat(tester.runs(DAILY)).singleElement(TASK_RESULT).isSuccess();
    }

    @Test
    void aKeyedLockSkipsThatKeyOnlyAndMarkCompletedTakesAKey(TaskTester tester) {
        try (HeldLock ignored = tester.holdLock(DAILY, "c1", "20260105")) {
            keyed(DAILY, "c1", "20260105");
            keyed(DAILY, "c2", "20260105");
        }
        tester.markCompleted(DAILY, "c3", "20260105");
        keyed(DAILY, "c3", "20260105");

        assertThat(bodies).hasValue(1);
        List<TaskResult> runs = tester.runs(DAILY);
        assertThat(runs.get(0)).asInstanceOf(TASK_RESULT).isSkipped(LOCK_HELD).hasKey("c1");
        assertThat(runs.get(1)).asInstanceOf(TASK_RESULT).isSuccess().hasKey("c2");
        assertThat(runs.get(2)).asInstanceOf(TASK_RESULT).isSkipped(ALREADY_COMPLETED).hasKey("c3");
        assertThat(runs).hasSize(3);
    }

    @Test
    void runChainRunsEveryStepForTheDateWithTheGuardLent(TaskTester tester) {
        TaskChain chain = TaskChain.builder()
                .step("analysis", date -> daily("task_analysis", date))
                .step("report", date -> daily("task_report", date), "analysis")
                .build();

        ChainReport report = tester.runChain(chain, LocalDate.of(2026, 3, 1));

        assertThat(report.succeeded()).isTrue();
        assertThat(report.results()).containsOnlyKeys("analysis", "report");
        assertThat(tester.runs()).extracting(TaskResult::task, TaskResult::date)
                .containsExactly(tuple("task_analysis", "20260301"),
                        tuple("task_report", "20260301"));
    }

    @Test
    void runChainWithANullDateRunsForTheGuardsToday(TaskTester tester) {
        TaskChain chain = TaskChain.builder().step("analysis", date -> daily("task_analysis", date)).build();
        tester.clock().advance(Duration.ofDays(2));

        ChainReport report = tester.runChain(chain, (String) null);

        assertThat(report.succeeded()).isTrue();
        assertThat(tester.runs("task_analysis")).singleElement(TASK_RESULT).isSuccess().hasDate("20260107");
    }

    @Test
    void aHeldLockShowsWhetherItsRunIsStillGoing(TaskTester tester) {
        HeldLock lock = tester.holdLock(DAILY, "k", "20260105");
        assertThat(lock).hasToString("HeldLock[task task_daily, key k, date 20260105, running]");
        assertThat(lock.isHeld()).isTrue();

        lock.release();

        assertThat(lock).hasToString("HeldLock[task task_daily, key k, date 20260105, ended]");
        assertThat(lock.isHeld()).isFalse();
    }

    @Test
    void runChainSkipsACompletedStepAndRunsTheNext(TaskTester tester) {
        TaskChain chain = TaskChain.builder()
                .step("analysis", date -> daily("task_analysis", date))
                .step("report", date -> daily("task_report", date), "analysis")
                .build();
        tester.markCompleted("task_analysis", "20260301");

        ChainReport report = tester.runChain(chain, "20260301");

        assertThat(report.results().get("analysis")).asInstanceOf(TASK_RESULT).isSkipped(ALREADY_COMPLETED);
        assertThat(report.results().get("report")).asInstanceOf(TASK_RESULT).isSuccess();
        assertThat(bodies).hasValue(1);
    }

    @Test
    void taskGuardRunIsRecordedAsAWovenCallIs(TaskTester tester) {
        TaskResult result = tester.guard().run(TaskOptions.daily(DAILY), null, live -> live.add("rows", 3));

        assertThat(tester.runs(DAILY)).singleElement(TASK_RESULT).isSuccess().hasCount("rows", 3);
        assertThat(tester.runs(DAILY).get(0)).isSameAs(result);
    }

    @Test
    void anAsynchronousRunIsRecordedOnceItsStageCompleted(TaskTester tester) throws Exception {
        TaskResult result = tester.guard().runAsync(TaskOptions.daily(DAILY), null,
                live -> CompletableFuture.runAsync(() -> live.add("rows", 2)))
                .get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(tester.runs(DAILY)).singleElement(TASK_RESULT).isSuccess().hasCount("rows", 2);
    }

    @Test
    void theKitsOwnRunsAreNeverRecorded(TaskTester tester) {
        tester.markCompleted(DAILY, "20260105");
        tester.holdLock(RECURRING, "20260105").release();
        tester.holdLock(DAILY, "k", "20260106").release();

        assertThat(tester.runs()).isEmpty();
    }

    @Test
    void markCompletedIsRefusedWhileTheKitHoldsThatLock(TaskTester tester) {
        try (HeldLock ignored = tester.holdLock(DAILY, "20260105")) {
            assertThatThrownBy(() -> tester.markCompleted(DAILY, "20260105"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("TaskTester.markCompleted: HeldLock[task task_daily, date 20260105, running] is held by this "
                            + "test; release it (close()) before marking 20260105 completed.");
        }
    }

    @Test
    void holdingALockTwiceIsRefused(TaskTester tester) {
        try (HeldLock ignored = tester.holdLock(DAILY, "20260105")) {
            assertThatThrownBy(() -> tester.holdLock(DAILY, "20260106"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("TaskTester.holdLock: could not take the lock of HeldLock[task task_daily, "
                            + "date 20260106, ended]: ")
                    .hasMessageContaining("lock_held")
                    .hasMessageEndingWith(" (another run holds it).");
        }
    }

    @Test
    void badInputIsRefusedNamingTheValue(TaskTester tester) {
        assertThatThrownBy(() -> tester.markCompleted(" ", "20260105"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskTester.markCompleted: the task name is blank (' '); give the name of a @GuardedTask, "
                        + "e.g. \"task_daily_report\".");
        assertThatThrownBy(() -> tester.markCompleted(DAILY, "2026-01-05"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskTester.markCompleted: task 'task_daily': date '2026-01-05' is not YYYYMMDD "
                        + "(example: 20260105).");
        assertThatThrownBy(() -> tester.holdLock(DAILY, "20260230"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskTester.holdLock: task 'task_daily': date '20260230' is not YYYYMMDD (example: 20260105).");
        assertThatThrownBy(() -> tester.holdLock(DAILY, "", "20260105"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TaskTester.holdLock: task 'task_daily': the key is blank ('')");
        assertThatThrownBy(() -> tester.runs(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TaskTester.runs: the task name is null");
        assertThat(tester.runs()).isEmpty();
    }
}
