package dev.guardedtask.examples;

import com.google.inject.Inject;
import com.google.inject.name.Named;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One simulated node: its own {@link TaskGuard} (with its own Redis client) and its own jobs. It runs
 * the chain once at start, then each tick calls both tasks, as a scheduler on a real node would.
 */
final class Worker {

    private final String name;
    private final TaskGuard guard;
    private final ReportJobs jobs;
    private final TaskChain chain;
    /** A chain step's TaskError message by task, from this worker's thread only (the chain runs there). */
    private final Map<String, String> chainErrors = new HashMap<>();

    @Inject
    Worker(@Named("worker") String name, TaskGuard guard, ReportJobs jobs, ChainJobs chainJobs) {
        this.name = name;
        this.guard = guard;
        this.jobs = jobs;
        this.chain = chainJobs.chain(this::keepingErrors);
    }

    String name() {
        return name;
    }

    /** Runs the chain for today once; its steps' outcomes, in the order they ended, count as tick 0. */
    List<Outcome> runChain() {
        List<Outcome> outcomes = new ArrayList<>(3);
        GuardedTasks.runWith(guard, () -> chain.run(null).results().values().forEach(result -> outcomes.add(
                Outcome.of(0, name, result, chainErrors.getOrDefault(result.task(), ""), 0))));
        return outcomes;
    }

    /** {@code step}, keeping the message of a TaskError it throws before the chain records the step as failed. */
    private TaskStep keepingErrors(TaskStep step) {
        return date -> {
            try {
                return step.run(date);
            } catch (TaskError e) {
                chainErrors.put(e.result().task(), e.getMessage());
                throw e;
            }
        };
    }

    /** Calls both tasks once; each outcome goes to {@code report} as soon as it is known. */
    List<Outcome> tick(int tick, Consumer<Outcome> report) {
        List<Outcome> outcomes = new ArrayList<>(2);
        // Separate nodes would each install their own guard at startup. These workers share one JVM,
        // so each worker's thread borrows its own guard for the tick.
        GuardedTasks.runWith(guard, () -> {
            outcomes.add(call(tick, () -> jobs.sendDailyReport(null)));
            report.accept(outcomes.get(0));
            outcomes.add(call(tick, () -> jobs.refreshOdds(null)));
            report.accept(outcomes.get(1));
        });
        return outcomes;
    }

    private Outcome call(int tick, Callable<TaskResult> task) {
        long start = System.nanoTime();
        TaskResult result;
        String message = "";
        try {
            result = task.call();
        } catch (TaskError e) {
            result = e.result();
            message = e.getMessage();
        } catch (Exception e) {
            throw new IllegalStateException(name + ": unexpected " + e, e);
        }
        return Outcome.of(tick, name, result, message, (System.nanoTime() - start) / 1_000_000);
    }
}
