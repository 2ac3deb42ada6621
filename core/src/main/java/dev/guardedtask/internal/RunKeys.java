package dev.guardedtask.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys one run touches, as {@link TaskKeys} built them: its locks, which it takes, renews and releases
 * together (the per-date lock first, then a recurring task's task-level lock); a daily run's success
 * key ({@code null} for a recurring run, or for a finish that records no success); and the task's fencing
 * counter, which only the acquire touches.
 *
 * @param locks one or more lock keys, the per-date lock first
 * @param success the success key, or {@code null}
 * @param fence the task's fencing counter; {@code null} only for runs that are never acquired (tests of
 *     renewal and release)
 */
public record RunKeys(List<String> locks, String success, String fence) {

    public RunKeys {
        locks = List.copyOf(locks);
        if (locks.isEmpty()) {
            throw new IllegalArgumentException("a run holds at least one lock");
        }
    }

    /** A run with one lock and no fencing counter (a test's run that is renewed or released, never acquired). */
    public static RunKeys of(String lock, String success) {
        return new RunKeys(List.of(lock), success, null);
    }

    /** The per-date lock: {@code lock:{task}:{date}}, the one a Python worker reads. */
    public String lock() {
        return locks.get(0);
    }

    /** The same locks, no success key: for a finish that records no success. */
    public RunKeys withoutSuccess() {
        return success == null ? this : new RunKeys(locks, null, fence);
    }

    /** {@code KEYS[]} of the renew and finish scripts: the locks, then the success key if there is one. */
    List<Object> scriptKeys() {
        List<Object> keys = new ArrayList<>(locks);
        if (success != null) {
            keys.add(success);
        }
        return keys;
    }

    /** {@code KEYS[]} of the acquire script: {@link #scriptKeys()}, then the fencing counter. */
    List<Object> acquireKeys() {
        if (fence == null) {
            throw new IllegalStateException("a run without a fencing counter cannot be acquired: " + this);
        }
        List<Object> keys = scriptKeys();
        keys.add(fence);
        return keys;
    }

    @Override
    public String toString() {
        return String.join(", ", locks) + (success == null ? "" : " (success key " + success + ")");
    }
}
