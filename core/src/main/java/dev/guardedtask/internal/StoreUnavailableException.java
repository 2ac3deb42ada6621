package dev.guardedtask.internal;

/** The store's backend could not be reached or refused the command; the run reports {@code backend_unavailable}. */
public final class StoreUnavailableException extends RuntimeException {

    private final String configurationFix;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param configurationFix for a failure no retry cures (credentials, ACL, TLS), what to change, in
     *     lower case without a full stop; {@code null} for an outage
     */
    public StoreUnavailableException(String message, String configurationFix, Throwable cause) {
        super(message, cause);
        this.configurationFix = configurationFix;
    }

    /** What to change when a setting is wrong (every call fails until then); {@code null} for an outage. */
    public String configurationFix() {
        return configurationFix;
    }
}
