package dev.guardedtask.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Where locks and success keys live: exactly the three operations a guarded run needs, each one
 * atomic and one round trip. Keys and the protocol are in {@code docs/protocol.md}. Expected outcomes
 * (completed, held, lost) are values; a backend that cannot be reached, or refuses, completes the
 * stage with a {@link StoreUnavailableException}. Operations never block the calling thread:
 * {@link #await} does, for callers that need the answer now.
 *
 * <p>Implementations are thread-safe.
 */
public interface TaskStore {

    /**
     * Unless {@code successKey} is {@code null} (a recurring task) and exists, sets {@code lockKey} to
     * {@code taskId} for {@code lockMillis} if it is absent.
     */
    CompletionStage<Acquisition> acquire(String lockKey, String successKey, String taskId, long lockMillis);

    /**
     * Resets the lock's time to live to {@code lockMillis} if it still holds {@code taskId}.
     * Completes with {@code false} if the lock is gone or holds another run's id.
     */
    CompletionStage<Boolean> renew(String lockKey, String taskId, long lockMillis);

    /**
     * Sets {@code successKey} (unless {@code null}) to {@code completed} for {@code successMillis}, and
     * deletes {@code lockKey} if it still holds {@code taskId}. Completes with {@code false} if the lock
     * was gone or held another run's id (and was left alone).
     */
    CompletionStage<Boolean> finish(String lockKey, String successKey, String taskId, long successMillis);

    /**
     * Waits for {@code stage}; not interruptible, so an interrupt never leaves a call half done.
     *
     * @throws StoreUnavailableException if the store could not answer
     */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw e;
        }
    }

    /** What {@link #acquire} found. */
    enum Acquisition {
        ACQUIRED,
        ALREADY_COMPLETED,
        LOCK_HELD
    }
}
