package dev.guardedtask.internal;

import java.time.Duration;

/**
 * How many replicas must acknowledge a run's acquire and finish ({@code TaskGuard.Builder.waitForReplicas}),
 * and how long Redis {@code WAIT} waits for them.
 *
 * @param count 0 for none (the default: nothing waits)
 * @param timeout how long {@code WAIT} waits; {@link Duration#ZERO} when {@code count} is 0
 */
public record Replicas(int count, Duration timeout) {

    public static final Replicas NONE = new Replicas(0, Duration.ZERO);

    /** The acquire took {@code lock}, but fewer than {@link #count} replicas have it. */
    StoreUnavailableException lockNotReplicated(String lock, int acknowledged) {
        return new StoreUnavailableException(
                "only " + acknowledged + " of the " + count + " replica(s) that waitForReplicas asks for acknowledged "
                        + "the lock " + lock + " within " + timeout.toMillis() + " ms",
                "the lock is released; add a replica to the primary or check its replication (INFO replication), "
                        + "or lower TaskGuard.builder().waitForReplicas(...): a lock that only the primary holds "
                        + "is lost if the primary fails over",
                dev.guardedtask.TaskResult.NOT_REPLICATED, null);
    }

    /** The warning of a completion ({@code keys.success()}) that fewer than {@link #count} replicas acknowledged. */
    String completionNotReplicated(RunKeys keys, int acknowledged) {
        return dev.guardedtask.TaskResult.NOT_REPLICATED + ": only " + acknowledged + " of the " + count
                + " replica(s) acknowledged the completion " + keys.success() + " within " + timeout.toMillis()
                + " ms; if the primary fails over now, it may be lost and the date run again";
    }
}
