package dev.guardedtask.internal;

/**
 * A test seam: the points of a store's request path where a fault-injection test throws a chosen
 * throwable, to prove that nothing stays stuck whatever is thrown where. Production code uses
 * {@link #NONE}.
 */
@FunctionalInterface
public interface Faults {

    /** Throws nothing. */
    Faults NONE = point -> { };

    /** Where a request can fail. */
    enum Point {
        /** The caller's thread, sending a request (single call or batch). */
        SEND,
        /** Redisson's thread, handing one call its reply. */
        REPLY,
        /** Settling the calls of a request that ended (or could not be sent). */
        SETTLE,
        /** Clearing the in-flight mark after a request could not be sent, in a {@code finally}. */
        CLEAR
    }

    /** Called at {@code point}; may throw anything. */
    void reached(Point point);
}
