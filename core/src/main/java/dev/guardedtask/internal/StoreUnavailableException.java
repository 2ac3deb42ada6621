package dev.guardedtask.internal;

/** The store's backend could not be reached or refused the command; the run reports {@code backend_unavailable}. */
public final class StoreUnavailableException extends RuntimeException {

    private final String advice;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param advice for an error Redis answered ({@link RedisFailure#advice}), what to do, in lower case
     *     without a full stop; {@code null} for an outage
     */
    public StoreUnavailableException(String message, String advice, Throwable cause) {
        super(message, cause);
        this.advice = advice;
    }

    /** What to do when Redis answered with an error (a setting to fix, memory to free); {@code null} for an outage. */
    public String advice() {
        return advice;
    }
}
