package dev.guardedtask.internal;

import dev.guardedtask.TaskResult;

/**
 * The store's backend could not be reached, refused the command, or did not replicate it as asked; the
 * run reports {@link #reason()}: {@code backend_unavailable}, {@code backend_refused} or
 * {@code not_replicated}.
 */
public final class StoreUnavailableException extends RuntimeException {

    private final String advice;
    private final String reason;

    /** Nothing answered: an outage. */
    public StoreUnavailableException(String message, Throwable cause) {
        this(message, null, false, cause);
    }

    /**
     * @param advice for an error Redis answered ({@link RedisFailure#advice}), what to do, in lower case
     *     without a full stop; {@code null} for an outage
     * @param refused whether the command was refused and will be again ({@link RedisFailure#refused()})
     */
    public StoreUnavailableException(String message, String advice, boolean refused, Throwable cause) {
        this(message, advice, refused ? TaskResult.BACKEND_REFUSED : TaskResult.BACKEND_UNAVAILABLE, cause);
    }

    StoreUnavailableException(String message, String advice, String reason, Throwable cause) {
        super(message, cause);
        this.advice = advice;
        this.reason = reason;
    }

    /** What to do when Redis answered (a setting to fix, memory to free); {@code null} for an outage. */
    public String advice() {
        return advice;
    }

    /** The run's reason: {@code backend_unavailable}, {@code backend_refused} or {@code not_replicated}. */
    public String reason() {
        return reason;
    }
}
