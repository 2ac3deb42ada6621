package dev.guardedtask.console;

/** The exit codes, as {@code --help} lists them ({@link Main}). */
final class Exits {

    static final int OK = 0;
    /** Refused, or nothing to do: a live lock, no lock held, no completion to forget, not confirmed. */
    static final int REFUSED = 1;
    /** Redis unreachable, or it refused the command. */
    static final int REDIS = 3;

    private Exits() {
    }
}
