package dev.guardedtask.internal;

/** The store's backend could not be reached or refused the command; the run reports {@code backend_unavailable}. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
