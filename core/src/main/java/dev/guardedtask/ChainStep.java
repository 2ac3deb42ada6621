package dev.guardedtask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** A declared step of a {@link TaskChain}: it runs only if its dependencies are met. */
record ChainStep(String id, TaskStep step, List<String> dependsOn) {

    // Users configure one logger per public type: this package-private part of TaskChain logs as TaskChain.
    private static final Logger log = LoggerFactory.getLogger(TaskChain.class);

    /** Runs the step for {@code day}, or skips it, given the results of the steps that ended before. */
    TaskResult run(String day, Map<String, TaskResult> results) {
        List<String> unmet = dependsOn.stream().filter(d -> !ChainReport.done(results.get(d)))
                .map(d -> d + ": " + outcome(results.get(d))).toList();
        if (!unmet.isEmpty()) {
            TaskResult skipped = new TaskResult(id, day, null);
            unmet.forEach(skipped::warn);
            skipped.skip(TaskResult.DEPENDENCY_NOT_MET);
            return skipped;
        }
        return call(day);
    }

    /** The result of a step that could not run at all: it threw, returned nothing, or was refused a thread. */
    TaskResult failed(String day, String error) {
        TaskResult failed = new TaskResult(id, day, null);
        failed.failWith(TaskResult.EXCEPTION, error);
        return failed;
    }

    private TaskResult call(String day) {
        try {
            TaskResult result = step.run(day);
            return result != null ? result
                    : failed(day, "step '" + id + "' returned null: return the TaskResult of its guarded call");
        } catch (TaskError e) {
            return e.result();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("TaskChain: step '{}' for {} threw {}", id, day, e.toString());
            return failed(day, e.toString());
        }
    }

    private static String outcome(TaskResult result) {
        return result.reason() != null ? result.reason() : result.status().wireName();
    }
}
