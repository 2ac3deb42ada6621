package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskResult;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A user's class with guarded methods of every supported shape, counting how often a body ran. */
class ReportJobs {

    final AtomicInteger runs = new AtomicInteger();
    volatile TaskResult injected;

    @GuardedTask(name = "report")
    TaskResult report(TaskResult result) {
        runs.incrementAndGet();
        injected = result;
        result.increment("sent");
        return result;
    }

    @GuardedTask(name = "report")
    void reportVoid() {
        runs.incrementAndGet();
    }

    @GuardedTask(name = "odds", recurring = true)
    TaskResult odds(TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "dated")
    TaskResult onDate(@TaskDate String date, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    /** The result between other parameters, the date last. */
    @GuardedTask(name = "dated")
    TaskResult onLocalDate(String label, TaskResult result, int attempt, @TaskDate LocalDate date) {
        runs.incrementAndGet();
        injected = result;
        return result;
    }

    @GuardedTask(name = "counted")
    Long count() {
        runs.incrementAndGet();
        return 42L;
    }

    @GuardedTask(name = "maybe")
    Optional<String> maybe() {
        runs.incrementAndGet();
        return Optional.of("found");
    }

    @GuardedTask(name = "failing")
    void failing(TaskResult result) {
        runs.incrementAndGet();
        result.increment("before_failure");
        throw new IllegalStateException("feed unavailable");
    }

    @GuardedTask(name = "failing")
    TaskResult failsResult(TaskResult result) {
        runs.incrementAndGet();
        result.fail("no_data");
        return result;
    }
}
