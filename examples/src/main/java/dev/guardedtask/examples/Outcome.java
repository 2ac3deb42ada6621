package dev.guardedtask.examples;

import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;

/**
 * One call of one task by one worker in one tick, as the summary counts it (chain steps count as tick 0).
 *
 * @param error the result's first error ({@code ""} if none): what a failed call failed with
 * @param message the message of the {@link dev.guardedtask.TaskError} the call threw ({@code ""} if none):
 *     for a call that Redis did not serve, it says whether that is an outage or a setting to fix
 */
record Outcome(int tick, String worker, String task, TaskStatus status, String reason, String error, String message,
               long millis) {

    static Outcome of(int tick, String worker, TaskResult result, String message, long millis) {
        String error = result.errors().isEmpty() ? "" : result.errors().get(0);
        return new Outcome(tick, worker, result.task(), result.status(), result.reason(), error, message, millis);
    }

    /** Whether the body ran: it succeeded, or failed for a reason of its own. */
    boolean ran() {
        return status == TaskStatus.SUCCESS
                || status == TaskStatus.FAILED && !notServed() && !TaskResult.GUARD_ERROR.equals(reason);
    }

    /** Redis did not serve the call: it could not be reached ({@code backend_unavailable}) or refused it ({@code backend_refused}). */
    boolean notServed() {
        return TaskResult.BACKEND_UNAVAILABLE.equals(reason) || TaskResult.BACKEND_REFUSED.equals(reason);
    }

    /** A tick's line: the result as the library reports it, then what it means. */
    String line() {
        return String.format("tick %3d  %s %6d ms  %s", tick, columns(), millis, meaning());
    }

    /** Worker, task, status and reason, in columns. */
    String columns() {
        return String.format("%-9s  %-18s  %-8s  %-19s", worker, task, status.wireName(),
                reason == null ? "-" : reason);
    }

    /** What the result means, in words, knowing nothing of the other workers' calls. */
    String meaning() {
        if (reason == null) {
            return status == TaskStatus.SUCCESS ? "ran" : "";
        }
        return switch (reason) {
            case TaskResult.ALREADY_COMPLETED -> "done for today (its success key exists)";
            case TaskResult.LOCK_HELD -> "another worker is running it (holds its lock)";
            // The library's message says whether Redis was unreachable or refused (a setting to fix).
            case TaskResult.BACKEND_UNAVAILABLE, TaskResult.BACKEND_REFUSED, TaskResult.GUARD_ERROR -> message.isEmpty()
                    ? "not run: " + error : message;
            default -> status == TaskStatus.FAILED && !error.isEmpty() ? "failed: " + error : "";
        };
    }
}
