package dev.guardedtask.examples;

import dev.guardedtask.TaskResult;
import dev.guardedtask.test.GuardedTaskTest;
import dev.guardedtask.test.HeldLock;
import dev.guardedtask.test.TaskResultAssert;
import dev.guardedtask.test.TaskTester;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.guardedtask.TaskResult.ALREADY_COMPLETED;
import static dev.guardedtask.TaskResult.LOCK_HELD;
import static dev.guardedtask.test.TaskResultAssert.TASK_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

@GuardedTaskTest // a fresh in-memory guard per test, its clock at 2026-01-05T09:00:00Z
class ReportJobsTest {

    private final ReportJobs jobs = new ReportJobs(new Workload(10));

    @Test
    void theDailyReportIsSentOncePerDate(TaskTester tasks) {
        jobs.sendDailyReport(null);
        jobs.sendDailyReport(null);

        assertThat(tasks.runs("task_daily_report")).hasSize(2);
        assertThat(tasks.runs("task_daily_report").get(0)).asInstanceOf(TASK_RESULT)
                .isSuccess().hasDate("20260105").hasCount("reports_sent", 1);
        assertThat(tasks.runs("task_daily_report").get(1)).asInstanceOf(TASK_RESULT)
                .isSkipped(ALREADY_COMPLETED);
    }

    @Test
    void aDateAnotherWorkerCompletedIsSkipped(TaskTester tasks) {
        tasks.markCompleted("task_daily_report", tasks.today());

        jobs.sendDailyReport(null);

        assertThat(tasks.runs("task_daily_report")).singleElement(TASK_RESULT).isSkipped(ALREADY_COMPLETED);
    }

    @Test
    void whileAnotherWorkerRefreshesTheOddsACallIsSkipped(TaskTester tasks) throws InterruptedException {
        try (HeldLock otherWorker = tasks.holdLock("task_odds", tasks.today())) {
            TaskResultAssert.assertThat(jobs.refreshOdds(null)).isSkipped(LOCK_HELD);
        }
        TaskResultAssert.assertThat(jobs.refreshOdds(null)).isSuccess().hasCount("odds_refreshed", 12);

        assertThat(tasks.runs("task_odds")).extracting(TaskResult::reason).containsExactly(LOCK_HELD, null);
    }

    @Test
    void theNextDayTheReportIsSentAgain(TaskTester tasks) {
        jobs.sendDailyReport(null);
        tasks.clock().advance(Duration.ofDays(1));
        jobs.sendDailyReport(null);

        assertThat(tasks.runs("task_daily_report")).extracting(TaskResult::date)
                .containsExactly("20260105", "20260106");
        assertThat(tasks.runs("task_daily_report")).allSatisfy(run -> TaskResultAssert.assertThat(run).isSuccess());
    }
}
