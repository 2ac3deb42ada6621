package dev.guardedtask.micrometer;

import dev.guardedtask.TaskResult;

/**
 * What a {@value TaskObservations#NAME} observation records as its error when the run failed: the listener
 * sees the result, not the body's exception, so this carries the result's reason and first error. No stack
 * trace (it would be the listener's, not the body's).
 */
public final class TaskFailedException extends RuntimeException {

    private final transient TaskResult result;

    TaskFailedException(TaskResult result) {
        super(message(result), null, false, false);
        this.result = result;
    }

    /**
     * The failed run's result.
     *
     * @return the failed run's result
     */
    public TaskResult result() {
        return result;
    }

    private static String message(TaskResult result) {
        String message = String.format("Task '%s' for %s failed (task id %s): %s", result.task(), result.date(),
                result.taskId(), result.reason());
        return result.errors().isEmpty() ? message : message + ": " + result.errors().get(0);
    }
}
