package dev.guardedtask.internal;

/**
 * Where locks and success keys live: exactly the three operations a guarded run needs, each one
 * atomic and one round trip. Keys and the protocol are in {@code docs/protocol.md}. Expected outcomes
 * (completed, held, lost) are return values; only an unreachable backend throws.
 *
 * <p>Implementations are thread-safe.
 */
public interface TaskStore {

    /**
     * Unless {@code successKey} is {@code null} (a recurring task) and exists, sets {@code lockKey} to
     * {@code taskId} for {@code lockMillis} if it is absent.
     *
     * @throws StoreUnavailableException if the backend cannot be reached; nothing is known to have changed
     */
    Acquisition acquire(String lockKey, String successKey, String taskId, long lockMillis);

    /**
     * Resets the lock's time to live to {@code lockMillis} if it still holds {@code taskId}.
     *
     * @return {@code false} if the lock is gone or holds another run's id
     * @throws StoreUnavailableException if the backend cannot be reached
     */
    boolean renew(String lockKey, String taskId, long lockMillis);

    /**
     * Sets {@code successKey} (unless {@code null}) to {@code completed} for {@code successMillis}, and
     * deletes {@code lockKey} if it still holds {@code taskId}.
     *
     * @return {@code false} if the lock was gone or held another run's id (and was left alone)
     * @throws StoreUnavailableException if the backend cannot be reached
     */
    boolean finish(String lockKey, String successKey, String taskId, long successMillis);

    /** What {@link #acquire} found. */
    enum Acquisition {
        ACQUIRED,
        ALREADY_COMPLETED,
        LOCK_HELD
    }
}
