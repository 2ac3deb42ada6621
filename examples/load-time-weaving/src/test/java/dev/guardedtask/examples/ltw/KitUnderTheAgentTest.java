package dev.guardedtask.examples.ltw;

import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.test.GuardedTaskTest;
import dev.guardedtask.test.HeldLock;
import dev.guardedtask.test.TaskTester;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static dev.guardedtask.TaskResult.ALREADY_COMPLETED;
import static dev.guardedtask.TaskResult.LOCK_HELD;
import static dev.guardedtask.test.TaskResultAssert.TASK_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The test kit ({@code guardedtask-test}) on {@link LtwJobs}, compiled by plain javac and woven by this JVM's
 * load-time weaver: a user who weaves at load time tests the same way as one who weaves with ajc.
 */
@GuardedTaskTest(instant = "2026-03-02T08:00:00Z")
class KitUnderTheAgentTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    private final LtwJobs jobs = new LtwJobs();

    @Test
    void aDailyTaskRunsOncePerDateOnTheKitsClock(TaskTester tasks) {
        // A null @TaskDate runs for the guard's today (the kit's clock); the body still gets null.
        assertThat(jobs.dailyReport(null, null)).isEqualTo("report for null");
        assertThat(jobs.dailyReport(MONDAY, null)).isNull();
        tasks.clock().advance(Duration.ofDays(1));
        assertThat(jobs.dailyReport(null, null)).isEqualTo("report for null");

        assertThat(tasks.runs("ltw_daily_report")).extracting(TaskResult::date, TaskResult::reason)
                .containsExactly(
                        tuple("20260302", null),
                        tuple("20260302", ALREADY_COMPLETED),
                        tuple("20260303", null));
    }

    @Test
    void aLockAnotherWorkerHoldsSkipsTheRecurringAndThePrivateStaticTasks(TaskTester tasks) {
        try (HeldLock other = tasks.holdLock("ltw_refresh", tasks.today())) {
            assertThat(jobs.refresh(null)).extracting(TaskResult::reason).isEqualTo(LOCK_HELD);
        }
        assertThat(jobs.refresh(null).count("refreshed")).isEqualTo(1);
        try (HeldLock other = tasks.holdLock("ltw_purge", tasks.today())) {
            assertThat(LtwJobs.purgeNow().reason()).isEqualTo(LOCK_HELD);
        }

        assertThat(tasks.runs("ltw_refresh")).extracting(TaskResult::reason).containsExactly(LOCK_HELD, null);
        assertThat(tasks.runs("ltw_purge")).singleElement(TASK_RESULT).isSkipped(LOCK_HELD);
    }

    @Test
    void aKeyAnotherWorkerCompletedIsSkippedForThatKeyOnly(TaskTester tasks) {
        tasks.markCompleted("ltw_tenant_sync", "acme", tasks.today());

        assertThat(jobs.syncTenant("acme", null, null).reason()).isEqualTo(ALREADY_COMPLETED);
        assertThat(jobs.syncTenant("globex", null, null).status()).isEqualTo(TaskStatus.SUCCESS);

        assertThat(tasks.runs("ltw_tenant_sync")).extracting(TaskResult::key, TaskResult::reason).containsExactly(
                tuple("acme", ALREADY_COMPLETED),
                tuple("globex", null));
    }
}
