package dev.guardedtask.examples;

import com.google.inject.Inject;
import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskResult;

/**
 * The application's scheduled work: plain methods, each made a guarded task by one annotation.
 * Callers pass {@code null} for the {@link TaskResult}; the live result is injected and returned.
 */
public class ReportJobs {

    private final Workload workload;

    @Inject
    ReportJobs(Workload workload) {
        this.workload = workload;
    }

    /** Daily: across all workers it runs once per date, then every call is skipped as already completed. */
    @GuardedTask(name = "task_daily_report")
    public TaskResult sendDailyReport(TaskResult result) {
        result.add("reports_sent", 1);
        return result;
    }

    /** Recurring: runs whenever no other worker is running it; a refresh sometimes outlasts a tick. */
    @GuardedTask(name = "task_odds", recurring = true)
    public TaskResult refreshOdds(TaskResult result) throws InterruptedException {
        try (Workload.Running running = workload.start("task_odds")) {
            Thread.sleep(workload.oddsMillis());
            result.add("odds_refreshed", 12);
        }
        return result;
    }
}
