package dev.guardedtask.examples;

import com.google.inject.Inject;
import com.google.inject.name.Named;
import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStep;

import java.util.function.UnaryOperator;

/**
 * Three daily tasks that must run in order for a date: analysis, then indexing, then the report.
 * {@code --fail-step} makes one of them fail, to show {@code dependency_not_met} downstream.
 */
public class ChainJobs {

    static final String ANALYSIS = "task_analysis";
    static final String INDEXING = "task_indexing";
    static final String REPORT = "task_report";

    private final String failStep;

    @Inject
    ChainJobs(@Named("failStep") String failStep) {
        this.failStep = failStep;
    }

    /**
     * The chain, each step a call of a guarded method for the chain's date, made through {@code each}
     * (the worker's, which keeps a {@link dev.guardedtask.TaskError}'s message: the chain's report keeps
     * only its result).
     */
    TaskChain chain(UnaryOperator<TaskStep> each) {
        return TaskChain.builder()
                .step(ANALYSIS, each.apply(date -> analyze(date, null)))
                .step(INDEXING, each.apply(date -> index(date, null)), ANALYSIS)
                .step(REPORT, each.apply(date -> report(date, null)), INDEXING)
                .build();
    }

    @GuardedTask(name = ANALYSIS)
    public TaskResult analyze(@TaskDate String date, TaskResult result) {
        work(ANALYSIS);
        result.add("contributions_analyzed", 40);
        return result;
    }

    @GuardedTask(name = INDEXING)
    public TaskResult index(@TaskDate String date, TaskResult result) {
        work(INDEXING);
        result.add("documents_indexed", 40);
        return result;
    }

    @GuardedTask(name = REPORT)
    public TaskResult report(@TaskDate String date, TaskResult result) {
        work(REPORT);
        result.add("reports_sent", 1);
        return result;
    }

    private void work(String step) {
        if (step.equals(failStep)) {
            throw new IllegalStateException("simulated failure of " + step + " (--fail-step)");
        }
    }
}
