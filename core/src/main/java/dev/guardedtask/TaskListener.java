package dev.guardedtask;

import java.time.Duration;

/**
 * Told what a guard's runs do, for metrics, traces and alerts: register any number with
 * {@link TaskGuard.Builder#listener(TaskListener)}; {@code guardedtask-micrometer}'s meters are one. Every
 * method has an empty default: implement the ones you need.
 *
 * <p>For each call of a guarded task, in order: either {@link #skipped}, or {@link #started} (the lock is
 * taken, the body is about to run), possibly {@link #lockLost} and {@link #storeError}, then {@link #finished},
 * with {@link #bodyReturned} between {@link #started} and {@link #finished} (see there where); a call that fails before its body (Redis unreachable or refusing, too few replicas)
 * gets {@link #storeError} then {@link #finished} without {@link #started}. So {@code skipped} plus
 * {@code finished} counts every call.
 *
 * <p>Called on the thread that runs the task (the body's thread), synchronously, in registration order, so
 * keep them quick and never block on I/O; {@link #started} runs just before the body and {@link #finished}
 * just after the lock is released, both on that thread (where an observation can open its scope). For an
 * {@linkplain TaskGuard#runAsync asynchronous run}, {@link #started} and {@link #bodyReturned} run on the thread
 * of the body's synchronous part, and the others on the guard's async executor, possibly another thread: a
 * thread-bound scope opened in {@link #started} is closed in {@link #bodyReturned}. The
 * {@link TaskResult} passed is the run's live result: read it, do not change it. Implementations must be
 * thread-safe: runs of many tasks call them at once. A listener that throws never breaks the run, nor the
 * other listeners: the throwable is logged once per listener and class of throwable, whichever callback threw
 * it (at WARN, under
 * {@code dev.guardedtask.TaskGuard}), and ignored.
 */
public interface TaskListener {

    /**
     * The body did not run: {@code result} is {@link TaskStatus#SKIPPED} with reason
     * {@link TaskResult#ALREADY_COMPLETED} or {@link TaskResult#LOCK_HELD}.
     *
     * @param result the run's result
     */
    default void skipped(TaskResult result) {
    }

    /**
     * The run holds its lock and the body is about to run; {@code result} is {@link TaskStatus#PENDING}.
     *
     * @param result the run's result
     */
    default void started(TaskResult result) {
    }

    /**
     * The body returned or threw, on the thread {@link #started} was called on; for an
     * {@linkplain TaskGuard#runAsync asynchronous run}, it returned its stage, and its work may go on on other
     * threads until {@link #finished}. The place to close what {@link #started} opened on the thread (an
     * observation's scope). For a synchronous run it comes after the lock is released, just before
     * {@link #finished}.
     *
     * @param result the run's result
     */
    default void bodyReturned(TaskResult result) {
    }

    /**
     * The run's lock expired, was taken by another worker or released by an operator while the body ran
     * (its result gets the warning {@link TaskResult#LOCK_LOST}); called before {@link #finished}.
     *
     * @param result the run's result
     */
    default void lockLost(TaskResult result) {
    }

    /**
     * Redis could not be reached or refused a call of this run, too few replicas acknowledged it, or the guard's
     * own code threw (an {@code Error} such as {@code StackOverflowError} while it sent a call): before
     * the body (the run then fails with {@code reason}) or while releasing (the run keeps its status and gets a
     * warning starting with {@code reason}).
     *
     * @param result the run's result
     * @param reason {@link TaskResult#BACKEND_UNAVAILABLE}, {@link TaskResult#BACKEND_REFUSED},
     *     {@link TaskResult#NOT_REPLICATED} or {@link TaskResult#GUARD_ERROR}: a bounded set, fit for a tag
     * @param message what happened, as the result's error or warning says it
     */
    default void storeError(TaskResult result, String reason, String message) {
    }

    /**
     * The call ended, its body run or not: {@code result} is {@link TaskStatus#SUCCESS} or
     * {@link TaskStatus#FAILED}, with its reason, errors, warnings and counters. Called before the caller gets
     * the result or the {@link TaskError}.
     *
     * @param result the run's result
     * @param duration from just before the acquire to just after the release, on the guard's clock
     *     ({@link TaskGuard.Builder#clock})
     */
    default void finished(TaskResult result, Duration duration) {
    }
}
