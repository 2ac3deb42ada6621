package dev.guardedtask;

import dev.guardedtask.internal.LockRenewer;
import dev.guardedtask.internal.LockRenewer.Renewal;
import dev.guardedtask.internal.StoreUnavailableException;
import dev.guardedtask.internal.TaskIds;
import dev.guardedtask.internal.TaskKeys;
import dev.guardedtask.internal.TaskStore;
import dev.guardedtask.internal.TaskStore.Acquisition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;

/** One guarded run, as {@code docs/protocol.md} describes it: acquire, body under renewal, finish. */
final class GuardedRun {

    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);

    /** What every run of a guard shares. */
    record Settings(TaskStore store, TaskKeys keys, LockRenewer renewer, long lockMillis, long successMillis) {
    }

    private final Settings settings;
    private final TaskResult result;
    private final String lockKey;
    private final String successKey;
    private final long lockMillis;
    private final long successMillis;

    GuardedRun(Settings settings, TaskOptions task, String date) {
        this.settings = settings;
        this.result = new TaskResult(task.name(), date, TaskIds.next());
        this.lockKey = settings.keys().lock(task.name(), date);
        this.successKey = task.recurring() ? null : settings.keys().success(task.name(), date);
        this.lockMillis = task.lockTimeout() == null ? settings.lockMillis() : task.lockTimeout().toMillis();
        this.successMillis = task.successTtl() == null ? settings.successMillis() : task.successTtl().toMillis();
    }

    TaskResult execute(TaskBody body) {
        Acquisition acquisition = acquire();
        if (acquisition != Acquisition.ACQUIRED) {
            result.skip(acquisition == Acquisition.ALREADY_COMPLETED
                    ? TaskResult.ALREADY_COMPLETED : TaskResult.LOCK_HELD);
            log.debug("{}: skipped, {}", this, result.reason());
            return result;
        }
        Throwable failure = runBody(body);
        if (result.isFailed()) {
            // The caller gets the exception in a TaskError: log what happened, not the stack trace again.
            log.warn("{}: failed, {}", this, failure == null ? result.reason() : failure.toString());
            throw TaskError.failed(result, failure);
        }
        log.debug("{}: {}", this, result.status().wireName());
        return result;
    }

    private Acquisition acquire() {
        try {
            return TaskStore.await(settings.store().acquire(lockKey, successKey, result.taskId(), lockMillis));
        } catch (StoreUnavailableException e) {
            // The script may have run even though its answer was lost: free the lock if it is ours.
            settings.store().finish(lockKey, null, result.taskId(), successMillis);
            result.failWith(TaskResult.BACKEND_UNAVAILABLE, e.getMessage());
            log.warn("{}: not run, {}", this, e.getMessage());
            throw TaskError.backendUnavailable(result, e);
        }
    }

    private Throwable runBody(TaskBody body) {
        Renewal renewal = startRenewal();
        Throwable failure = null;
        try {
            body.run(result);
        } catch (Throwable t) {
            failure = t;
            result.failWith(TaskResult.EXCEPTION, t.toString());
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            renewal.stop();
            finish(renewal.lost());
        }
        return failure;
    }

    private Renewal startRenewal() {
        try {
            return settings.renewer().start(settings.store(), lockKey, result.taskId(), lockMillis, this);
        } catch (RejectedExecutionException closedMeanwhile) {
            settings.store().finish(lockKey, null, result.taskId(), successMillis);
            throw new IllegalStateException("Task '" + result.task() + "': this TaskGuard was closed while the "
                    + "run started; the body did not run. Close the guard only at shutdown.", closedMeanwhile);
        }
    }

    private void finish(boolean lostWhileRunning) {
        boolean succeeded = !result.isFailed();
        if (succeeded) {
            result.succeed();
        }
        try {
            boolean released = TaskStore.await(settings.store().finish(
                    lockKey, succeeded ? successKey : null, result.taskId(), successMillis));
            if (!released || lostWhileRunning) {
                result.warn(TaskResult.LOCK_LOST);
                log.warn("{}: lock {} was lost while the body ran (expired or taken by another worker); "
                        + "left it alone", this, lockKey);
            }
        } catch (StoreUnavailableException e) {
            String lost = succeeded && successKey != null ? "completion not recorded, lock" : "lock";
            result.warn(String.format("%s: %s not released (it expires within %d ms): %s",
                    TaskResult.BACKEND_UNAVAILABLE, lost, lockMillis, e.getMessage()));
            log.warn("{}: {} not released (it expires within {} ms): {}", this, lost, lockMillis, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Task '" + result.task() + "' for " + result.date() + " (run " + result.taskId() + ")";
    }
}
