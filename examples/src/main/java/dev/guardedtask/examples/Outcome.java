package dev.guardedtask.examples;

import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;

/** One call of one task by one worker in one tick, as the summary counts it. */
record Outcome(int tick, String worker, String task, TaskStatus status, String reason, long millis) {

    static Outcome of(int tick, String worker, TaskResult result, long millis) {
        return new Outcome(tick, worker, result.task(), result.status(), result.reason(), millis);
    }

    /** Whether the body ran: it succeeded, or failed for a reason of its own. */
    boolean ran() {
        return status == TaskStatus.SUCCESS
                || status == TaskStatus.FAILED && !TaskResult.BACKEND_UNAVAILABLE.equals(reason);
    }

    String line() {
        return String.format("tick %3d  %-9s  %-18s  %-8s  %-18s %6d ms",
                tick, worker, task, status.wireName(), reason == null ? "-" : reason, millis);
    }
}
