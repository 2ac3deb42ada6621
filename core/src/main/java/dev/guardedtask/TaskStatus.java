package dev.guardedtask;

import java.util.Locale;

/** Where a guarded run stands. In {@link TaskResult#toMap()} it appears in lower case, as in the Python boilerplate. */
public enum TaskStatus {
    /** The body is running (or about to). */
    PENDING,
    /** The body returned normally; for a daily task the date is now marked completed. */
    SUCCESS,
    /** The body did not run: see {@link TaskResult#reason()} ({@code already_completed}, {@code lock_held}, ...). */
    SKIPPED,
    /** The body threw, called {@link TaskResult#fail(String)}, or the store was unreachable before it ran. */
    FAILED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /**
     * The lower-case name used on the wire and in {@link TaskResult#toMap()}: {@code pending}, {@code success}, ...
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }
}
