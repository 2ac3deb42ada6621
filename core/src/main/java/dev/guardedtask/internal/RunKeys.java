package dev.guardedtask.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys one run touches, as {@link TaskKeys} built them: its locks, which it takes, renews and releases
 * together (the per-date lock first, then a recurring task's task-level lock); a daily run's success
 * key ({@code null} for a recurring run, or for a finish that records no success); the task's fencing
 * counter, which only the acquire touches; and, for a guard that keeps history, the run-in-progress key,
 * the task's history and its counts ({@code docs/protocol.md}, "History").
 *
 * @param locks one or more lock keys, the per-date lock first
 * @param success the success key, or {@code null}
 * @param fence the task's fencing counter; {@code null} only for runs that are never acquired (tests of
 *     renewal and release)
 * @param run the run-in-progress hash {@code run:T:D}, or {@code null} without history (then so are the next two)
 * @param history the task's history stream, or {@code null}
 * @param stats the task's counts hash, or {@code null}
 */
public record RunKeys(List<String> locks, String success, String fence, String run, String history, String stats) {

    public RunKeys {
        locks = List.copyOf(locks);
        if (locks.isEmpty()) {
            throw new IllegalArgumentException("a run holds at least one lock");
        }
        if ((run == null) != (history == null) || (run == null) != (stats == null)) {
            throw new IllegalArgumentException("the run, history and stats keys go together: " + run + ", "
                    + history + ", " + stats);
        }
    }

    /** A run of a guard that keeps no history. */
    public RunKeys(List<String> locks, String success, String fence) {
        this(locks, success, fence, null, null, null);
    }

    /** A run with one lock and no fencing counter (a test's run that is renewed or released, never acquired). */
    public static RunKeys of(String lock, String success) {
        return new RunKeys(List.of(lock), success, null);
    }

    /** The per-date lock: {@code lock:{task}:{date}}, the one a Python worker reads. */
    public String lock() {
        return locks.get(0);
    }

    /** Whether the run records itself ({@link #run}, {@link #history} and {@link #stats} are set). */
    public boolean recorded() {
        return run != null;
    }

    /** The same keys, no success key: for a finish that records no success. */
    public RunKeys withoutSuccess() {
        return success == null ? this : withSuccess(null);
    }

    /** The same keys with {@code success} as the success key ({@code null}: none). */
    public RunKeys withSuccess(String success) {
        return new RunKeys(locks, success, fence, run, history, stats);
    }

    /** The same locks, success key and counter, recording nothing: for a guard with history off. */
    public RunKeys unrecorded() {
        return new RunKeys(locks, success, fence);
    }

    /** {@code KEYS[]} of the renew script: the locks, then the run-in-progress key if there is one. */
    List<Object> renewKeys() {
        List<Object> keys = new ArrayList<>(locks);
        addIfSet(keys, run);
        return keys;
    }

    /**
     * {@code KEYS[]} of the finish script: the locks, the success key if there is one, then the run-in-progress
     * key, the history and the counts if the run records itself.
     */
    List<Object> finishKeys() {
        List<Object> keys = new ArrayList<>(locks);
        addIfSet(keys, success);
        addIfSet(keys, run);
        addIfSet(keys, history);
        addIfSet(keys, stats);
        return keys;
    }

    /**
     * {@code KEYS[]} of the acquire script: the locks, the success key if there is one, the fencing counter,
     * then the run-in-progress key and the counts if the run records itself.
     */
    List<Object> acquireKeys() {
        if (fence == null) {
            throw new IllegalStateException("a run without a fencing counter cannot be acquired: " + this);
        }
        List<Object> keys = new ArrayList<>(locks);
        addIfSet(keys, success);
        keys.add(fence);
        addIfSet(keys, run);
        addIfSet(keys, stats);
        return keys;
    }

    private static void addIfSet(List<Object> keys, String key) {
        if (key != null) {
            keys.add(key);
        }
    }

    @Override
    public String toString() {
        return String.join(", ", locks) + (success == null ? "" : " (success key " + success + ")");
    }
}
