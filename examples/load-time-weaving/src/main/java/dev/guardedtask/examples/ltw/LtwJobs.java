package dev.guardedtask.examples.ltw;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.TaskResult;

import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Guarded methods compiled by plain javac: nothing here is woven until the load-time weaver loads the class
 * ({@code -javaagent:aspectjweaver.jar}, and this module's {@code META-INF/aop.xml} including the package). Each
 * body hands its injected {@link TaskResult} to {@code inside} first: the tests hold a run there, or look at it.
 */
public class LtwJobs {

    private final Consumer<TaskResult> inside;

    public LtwJobs() {
        this(result -> { });
    }

    /** @param inside called first in every body of this instance, with the run's result */
    public LtwJobs(Consumer<TaskResult> inside) {
        this.inside = Objects.requireNonNull(inside, "inside");
    }

    /** Daily: once per date. The report's text, or {@code null} when the run is skipped. */
    @GuardedTask(name = "ltw_daily_report")
    public String dailyReport(@TaskDate LocalDate date, TaskResult result) {
        inside.accept(result);
        result.add("rows", 3);
        return "report for " + date;
    }

    /** Recurring, returning the run's result: {@code SKIPPED} with {@code lock_held} while another run holds it. */
    @GuardedTask(name = "ltw_refresh", recurring = true)
    public TaskResult refresh(TaskResult result) {
        inside.accept(result);
        result.increment("refreshed");
        return result;
    }

    /** Runs {@link #purge}, a private static guarded method: woven all the same. */
    public static TaskResult purgeNow() {
        return purge(null);
    }

    @GuardedTask(name = "ltw_purge", recurring = true)
    private static TaskResult purge(TaskResult result) {
        result.add("purged", 2);
        return result;
    }

    /** Keyed: once per tenant and date; the runs of two tenants are independent. */
    @GuardedTask(name = "ltw_tenant_sync")
    public TaskResult syncTenant(@TaskKey String tenant, @TaskDate LocalDate date, TaskResult result) {
        inside.accept(result);
        return result;
    }
}
