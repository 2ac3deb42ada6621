package dev.guardedtask.examples.ltw;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The load-time-woven application: {@code java -javaagent:aspectjweaver-1.9.27.jar -cp ... LtwApp DATE [REDIS_URI]}
 * runs each guarded method of {@link LtwJobs} for {@code DATE} (ISO, e.g. 2026-01-05) twice and prints one line per
 * call; with {@code REDIS_URI} (e.g. redis://127.0.0.1:6379) on that Redis, otherwise in memory. With
 * {@code --once}, it runs the daily report once only (the start-up benchmark). Without the agent, installing the
 * guard fails: the classes were not woven.
 */
public final class LtwApp {

    private LtwApp() {
    }

    public static void main(String[] args) {
        boolean once = args.length > 0 && args[0].equals("--once");
        int first = once ? 1 : 0;
        LocalDate date = LocalDate.parse(args[first]);
        Clock clock = Clock.fixed(date.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        TaskGuard.Builder builder = TaskGuard.builder().clock(clock);
        try (TaskGuard guard = args.length > first + 1 ? builder.redis(args[first + 1]).build()
                : builder.inMemory().build()) {
            GuardedTasks.install(guard);
            LtwJobs jobs = new LtwJobs();
            print("daily_report: " + jobs.dailyReport(date, null));
            if (!once) {
                runAll(jobs, date);
            }
        } finally {
            GuardedTasks.uninstall();
        }
    }

    private static void runAll(LtwJobs jobs, LocalDate date) {
        print("daily_report: " + jobs.dailyReport(date, null));
        print("refresh: " + line(jobs.refresh(null)));
        print("purge: " + line(LtwJobs.purgeNow()));
        print("tenant_sync acme: " + line(jobs.syncTenant("acme", date, null)));
        print("tenant_sync acme: " + line(jobs.syncTenant("acme", date, null)));
        print("tenant_sync umbrella: " + line(jobs.syncTenant("umbrella", date, null)));
    }

    private static String line(TaskResult result) {
        return result.task() + " " + result.date() + (result.key() == null ? "" : " " + result.key()) + " "
                + result.status() + (result.reason() == null ? "" : " " + result.reason());
    }

    /** The application's output: its one purpose is to be read (tests, the start-up benchmark). */
    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
