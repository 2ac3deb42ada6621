package dev.guardedtask.internal;

/**
 * The store's backend could not be reached, or refused the command; the run reports
 * {@code backend_unavailable}, or {@code backend_refused} if {@link #refused()}.
 */
public final class StoreUnavailableException extends RuntimeException {

    private final String advice;
    private final boolean refused;

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
        super(message, cause);
        this.advice = advice;
        this.refused = refused;
    }

    /** What to do when Redis answered with an error (a setting to fix, memory to free); {@code null} for an outage. */
    public String advice() {
        return advice;
    }

    /**
     * The command was refused and will be again until a setting is fixed (Redis's error reply, a TLS
     * mismatch), as opposed to an outage or a full server.
     */
    public boolean refused() {
        return refused;
    }
}
