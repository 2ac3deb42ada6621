package dev.guardedtask;

import dev.guardedtask.internal.RedisFailure;
import dev.guardedtask.internal.StoreUnavailableException;

/**
 * A guarded run failed: its body threw or called {@link TaskResult#fail(String)}; Redis could not be
 * reached before the body ran, or was out of memory ({@code backend_unavailable}: the next call may get
 * through); Redis refused the guard's login or commands before the body ran, or TLS failed
 * ({@code backend_refused}: a setting to fix, which the message names); fewer replicas than
 * {@code waitForReplicas} asks for acknowledged the lock ({@code not_replicated}); the guard's own code
 * threw before the body ran ({@code guard_error}); or no guard was installed. The lock was released (or, when
 * Redis was unreachable, expires by itself). The run's {@link #result()} says what happened; the body's
 * exception, if any, is the cause.
 */
public final class TaskError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failed run's result. */
    private final TaskResult result;

    private TaskError(String message, TaskResult result, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /**
     * Always {@link TaskStatus#FAILED}.
     *
     * @return {@link TaskStatus#FAILED}
     */
    public TaskStatus status() {
        return result.status();
    }

    /**
     * The run's result: status {@code failed}, its reason, errors, warnings and counters.
     *
     * @return the run's result
     */
    public TaskResult result() {
        return result;
    }

    static TaskError failed(TaskResult result, Throwable cause) {
        return new TaskError(String.format("%s for %s failed (task id %s): %s",
                result.subject(), result.date(), result.taskId(),
                cause == null ? result.reason() : lastError(result)), result, cause);
    }

    /** {@code backend_unavailable}, {@code backend_refused} or {@code not_replicated}: the cause says which, and what to do. */
    static TaskError backendFailed(TaskResult result, StoreUnavailableException cause) {
        String advice = cause.advice();
        return new TaskError(String.format("%s for %s did not run: %s The body was not run; %s.",
                result.subject(), result.date(), RedisFailure.sentence(cause.getMessage()),
                advice == null ? "check that Redis is reachable, the next call tries again" : advice), result, cause);
    }

    static TaskError guardError(TaskResult result, Throwable cause) {
        return new TaskError(String.format(
                "%s for %s did not run: the guard failed before the body (%s); the lock, if it was taken, "
                        + "is released. If this is a StackOverflowError, call the task from a shallower stack.",
                result.subject(), result.date(), lastError(result)), result, cause);
    }

    /** The throwable as the run recorded it: its own toString() may throw, the recorded text cannot. */
    private static String lastError(TaskResult result) {
        return result.errors().get(result.errors().size() - 1);
    }

    static TaskError notInstalled(TaskResult result) {
        return new TaskError(String.format(
                "No TaskGuard installed for @GuardedTask '%s': install GuardedTaskModule "
                        + "or call GuardedTasks.install(guard) at startup. A guard lent with GuardedTasks.runWith "
                        + "(as guardedtask-test does under parallel execution) serves only its own thread: run work "
                        + "you hand to thread '%s' inside GuardedTasks.runWith(guard, work) too.", result.task(),
                Thread.currentThread().getName()), result, null);
    }
}
