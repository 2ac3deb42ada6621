package dev.guardedtask.testsupport.topology;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition every 50 ms until it holds or a bound passes: every wait of the topologies has a bound. */
final class Poll {

    private static final long EVERY_NANOS = Duration.ofMillis(50).toNanos();

    private Poll() {
    }

    /**
     * The first value {@code probe} gives; a probe that throws counts as "not yet" (a node still starting,
     * a connection refused during a failover), except {@link GiveUp}, which ends the wait at once.
     *
     * @throws IllegalStateException naming {@code what}, the bound and the last error, once {@code bound} has passed
     */
    static <T> T until(Duration bound, String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + bound.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (GiveUp e) {
                throw e;
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Waited " + bound.toMillis() + " ms for " + what + " in vain"
                        + (lastError == null ? "" : "; last error: " + lastError), lastError);
            }
            LockSupport.parkNanos(EVERY_NANOS);
        }
    }

    /** Returns once {@code condition} holds; see {@link #until(Duration, String, Supplier)}. */
    static void until(Duration bound, String what, BooleanSupplier condition) {
        until(bound, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Thrown by a probe when waiting longer is pointless (the process it waits for has exited). */
    static final class GiveUp extends IllegalStateException {
        GiveUp(String why) {
            super(why);
        }
    }
}
