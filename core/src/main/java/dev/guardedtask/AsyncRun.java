package dev.guardedtask;

import dev.guardedtask.internal.LockRenewer.Renewal;
import dev.guardedtask.internal.TaskStore.Acquisition;
import dev.guardedtask.internal.TaskStore.Outcome;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One asynchronous guarded run ({@link TaskGuard#runAsync}): the steps of {@link GuardedRun}, chained on stages
 * so that no thread waits for Redis. The acquire's answer hands the body to the guard's executor; the body's
 * stage, completed by whatever thread, ends the run: renewal stops and the finish is sent. The caller's stage is
 * completed on the executor, so that what depends on it never runs on a Redis client's thread.
 *
 * <p>Whatever is thrown where, the lock is given back: a throw or a {@code null} stage from the body, the
 * executor refusing the body, and a stage that fails all end the run as failed, through {@link #bodyEnded},
 * which acts once.
 */
final class AsyncRun {

    private final GuardedRun run;
    private final Renewal renewal;
    private final Executor executor;
    /** The guard {@link GuardedTasks#runWith} lent the caller, lent to the body's thread too; {@code null}: none. */
    private final TaskGuard lent = GuardedTasks.lent();
    private final CompletableFuture<TaskResult> outcome = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();

    AsyncRun(GuardedRun run, Renewal renewal, Executor executor) {
        this.run = run;
        this.renewal = renewal;
        this.executor = executor;
    }

    CompletableFuture<TaskResult> start(AsyncTaskBody body) {
        CompletionStage<Acquisition> acquisition;
        try {
            acquisition = run.acquireAsync();
        } catch (Throwable t) {
            notAcquired(t);
            return outcome;
        }
        acquisition.whenComplete((acquired, error) -> {
            if (error != null) {
                notAcquired(error);
            } else if (acquired.outcome() != Outcome.ACQUIRED) {
                deliver(() -> outcome.complete(run.skipped(renewal, acquired)));
            } else {
                run.result().acquired(acquired.fencingToken());
                dispatch(body);
            }
        });
        return outcome;
    }

    /** The acquire failed: on the executor, as every end of a run, the result fails and the listeners are told. */
    private void notAcquired(Throwable error) {
        deliver(() -> {
            TaskError failed = run.notAcquired(renewal, error);
            CompletionStage<?> settling = run.settling();
            if (settling == null) {
                outcome.completeExceptionally(failed);
            } else { // the locks the acquire may have taken are freed first: the next call finds them free
                run.bounded(settling).whenComplete((ignored, unsettled) ->
                        deliver(() -> outcome.completeExceptionally(failed)));
            }
        });
    }

    private void dispatch(AsyncTaskBody body) {
        try {
            executor.execute(() -> runBody(body));
        } catch (Throwable refused) { // RejectedExecutionException, or whatever a user's executor throws
            bodyEnded(refused);
        }
    }

    /** The body's synchronous part, on the executor: it starts the work and returns the stage that ends it. */
    private void runBody(AsyncTaskBody body) {
        CompletionStage<?> stage = null;
        Throwable thrown = null;
        TaskGuard previous = GuardedTasks.lend(lent);
        RunMdc mdc = null;
        try {
            // Inside the try, as the body: whatever these throw fails the run, and the lock is still released.
            run.listeners().started(run.result());
            mdc = RunMdc.put(run.result());
            stage = body.run(run.result());
            if (stage == null) {
                thrown = new NullPointerException("the body returned no stage (null): return a CompletionStage "
                        + "that completes when the work ends, e.g. CompletableFuture.completedFuture(null)");
            }
        } catch (Throwable t) {
            thrown = t;
        } finally {
            run.bodyReturned();
            GuardedTasks.restore(previous);
            if (mdc != null) {
                mdc.restoreQuietly();
            }
        }
        if (thrown != null) {
            bodyEnded(thrown);
            return;
        }
        try {
            stage.whenComplete((value, failure) -> bodyEnded(failure));
        } catch (Throwable t) { // a stage of the user's own that cannot be waited on
            bodyEnded(t);
        }
    }

    /** The body's work ended, {@code failure} or not ({@code null}): renewal stops and the lock is released. Acts once. */
    private void bodyEnded(Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Throwable cause = failure == null ? null : GuardedRun.unwrap(failure);
        TaskResult result = run.result();
        if (cause != null) {
            result.failWith(TaskResult.EXCEPTION, GuardedRun.describe(cause));
        }
        renewal.stop();
        CompletionStage<Void> released;
        try {
            released = run.releaseAsync(renewal, cause == null && !result.isFailed());
        } catch (Throwable t) { // even so, the caller is answered, and the renewer's next tick frees the lock
            renewal.releaseOnNextTick(null, 0);
            released = CompletableFuture.completedFuture(null);
        }
        released.whenComplete((ignored, error) -> deliver(() -> {
            TaskError failed = run.ended(cause);
            if (failed == null) {
                outcome.complete(result);
            } else {
                outcome.completeExceptionally(failed);
            }
        }));
    }

    /**
     * Completes the caller's stage on the executor, with the run's MDC, so that the listeners and what depends on
     * the stage run there, never on a Redis client's thread; on this thread if the executor refuses.
     */
    private void deliver(Runnable completion) {
        Runnable withMdc = () -> {
            RunMdc mdc = RunMdc.put(run.result());
            try {
                completion.run();
            } finally {
                mdc.restoreQuietly();
            }
        };
        try {
            executor.execute(withMdc);
        } catch (Throwable refused) {
            withMdc.run();
        }
    }
}
