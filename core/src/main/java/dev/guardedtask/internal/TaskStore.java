package dev.guardedtask.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where locks and success keys live: exactly the three operations a guarded run needs, each one
 * atomic and one round trip. Keys and the protocol are in {@code docs/protocol.md}. Expected outcomes
 * (completed, held, lost) are values; a backend that cannot be reached, or refuses, completes the
 * stage with a {@link StoreUnavailableException}. Keys are only names to a store: it works with either
 * {@link dev.guardedtask.KeyScheme}. Operations never block the calling thread:
 * {@link #answer} waits, with a bound, for callers that need the answer now.
 *
 * <p>Implementations are thread-safe.
 */
public interface TaskStore {

    /**
     * Takes every lock of {@code keys}, set to {@code taskId} for {@code lockMillis}, if none of them is
     * held and the success key (unless {@code null}: a recurring task) does not exist; all or nothing.
     * A call whose locks all hold {@code taskId} already (a resent acquire) gets them again, with a fresh
     * time to live. Each acquisition increments the task's fencing counter ({@link RunKeys#fence()}) and
     * carries its new value. If {@code keys} are {@linkplain RunKeys#recorded() recorded}, an acquisition
     * writes the run-in-progress key from {@code start}, and a skip counts itself in the task's counts.
     *
     * @param start what the run records of itself; required if {@code keys} are recorded, else ignored
     */
    CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis, Start start);

    /** {@link #acquire(RunKeys, String, long, Start)} of a run that records nothing. */
    default CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis) {
        return acquire(keys.unrecorded(), taskId, lockMillis, null);
    }

    /**
     * Resets the time to live of every lock of {@code keys} to {@code lockMillis} if each still holds
     * {@code taskId}. Completes with {@code false}, extending none, if one is gone or holds another run's id.
     */
    CompletionStage<Boolean> renew(RunKeys keys, String taskId, long lockMillis);

    /**
     * Sets the success key (unless {@code null}) to {@code completed} for {@code successMillis}, and
     * deletes each lock of {@code keys} that still holds {@code taskId}, and the run-in-progress key if it is
     * this run's. With an {@code entry}, first appends it to the task's history and counts its status.
     *
     * @param entry the history entry of a run whose body ran, or {@code null} to record nothing (a release
     *     only); ignored unless {@code keys} are {@linkplain RunKeys#recorded() recorded}
     */
    CompletionStage<Release> finish(RunKeys keys, String taskId, long successMillis, Entry entry);

    /** {@link #finish(RunKeys, String, long, Entry)} recording nothing. */
    default CompletionStage<Release> finish(RunKeys keys, String taskId, long successMillis) {
        return finish(keys, taskId, successMillis, null);
    }

    /** How often the guard calls {@link #giveUpStuck()}; {@code null}: never (the default). */
    default Duration watchEvery() {
        return null;
    }

    /** Fails the calls of a request that has waited too long for its answer; called from the guard's thread. */
    default void giveUpStuck() {
    }

    /**
     * {@code caller}'s last call into this store threw (an {@code Error} such as
     * {@code StackOverflowError}, say) and may have left shared state behind that its own
     * {@code finally} could not clear: clear it. Called from another thread, whose stack is fresh,
     * after {@code caller} left the store. The stage completes (never exceptionally) once the calls the
     * store sends again for {@code caller} have their answers: send what must come after them (the run's
     * release) only then. Nothing to do by default.
     */
    default CompletionStage<Void> abandonedBy(Thread caller) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The longest {@link #await(CompletionStage, Duration)} waits for an answer of this store: any call,
     * also one queued behind a request that was never sent, is given up after it.
     */
    Duration answerBound();

    /** {@link #await(CompletionStage, Duration)} with this store's {@link #answerBound()}. */
    default <T> T answer(CompletionStage<T> stage) {
        return await(stage, answerBound());
    }

    /** {@link #await(CompletionStage, Duration)} with the Redis store's default bound, for tests. */
    static <T> T await(CompletionStage<T> stage) {
        return await(stage, DEFAULT_ANSWER_BOUND);
    }

    /** Longer than a call waits for the request in flight and then for its own, each given up after 60 s. */
    Duration DEFAULT_ANSWER_BOUND = Duration.ofSeconds(121);

    /**
     * Waits for {@code stage}, at most {@code bound}. An interrupt does not end the wait (it would leave
     * a call half done): the thread's interrupt status is set again when it returns.
     *
     * @throws StoreUnavailableException if the store could not answer, or did not within {@code bound}
     */
    static <T> T await(CompletionStage<T> stage, Duration bound) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException unchecked) { // StoreUnavailableException included
                        throw unchecked;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new CompletionException(e.getCause());
                } catch (TimeoutException e) {
                    throw new StoreUnavailableException("no answer within " + bound.toMillis() + " ms", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What an acquired run records in its run-in-progress key, and how long its counts are kept.
     *
     * @param worker the guard's worker name
     * @param startedMillis when the run started, epoch milliseconds of the guard's clock
     * @param keepMillis the history's time to live, reset by each write
     */
    record Start(String worker, long startedMillis, long keepMillis) {
    }

    /**
     * A finished run's history entry ({@code docs/protocol.md}, "History").
     *
     * @param status {@code success} or {@code failed}: the count it adds to
     * @param fields the entry's fields and values, alternating; the store appends {@code lock}
     * @param maxRuns how many entries the history keeps, 1 or more
     * @param keepMillis the history's time to live, reset by each write
     */
    record Entry(String status, List<String> fields, int maxRuns, long keepMillis) {

        public Entry {
            fields = List.copyOf(fields);
        }
    }

    /** What {@link #acquire} found. */
    enum Outcome {
        ACQUIRED,
        ALREADY_COMPLETED,
        LOCK_HELD
    }

    /**
     * What {@link #acquire} found, and the run's fencing token if it acquired.
     *
     * @param fencingToken 1 or more if acquired, else 0
     */
    record Acquisition(Outcome outcome, long fencingToken) {

        public static final Acquisition ALREADY_COMPLETED = new Acquisition(Outcome.ALREADY_COMPLETED, 0);
        public static final Acquisition LOCK_HELD = new Acquisition(Outcome.LOCK_HELD, 0);

        public static Acquisition acquired(long fencingToken) {
            return new Acquisition(Outcome.ACQUIRED, fencingToken);
        }
    }

    /**
     * What {@link #finish} did.
     *
     * @param owned {@code false} if a lock was gone or held another run's id (and was left alone)
     * @param notReplicated why the finish may be lost on failover (too few replicas acknowledged it), or
     *     {@code null}
     */
    record Release(boolean owned, String notReplicated) {

        public static final Release OWNED = new Release(true, null);
        public static final Release NOT_OWNED = new Release(false, null);

        public static Release of(boolean owned) {
            return owned ? OWNED : NOT_OWNED;
        }
    }
}
