package dev.guardedtask.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The store in this JVM's memory, with the Redis store's semantics; time to live is measured on the
 * guard's {@link Clock}. For single-JVM use and tests. Expired keys are dropped when touched and
 * swept now and then. It keeps no history: the run-in-progress, history and counts keys are ignored.
 */
public final class MemoryTaskStore implements TaskStore {

    private static final int SWEEP_EVERY = 1024;

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    /** The fencing counters: they never expire, as on Redis. */
    private final Map<String, Long> fences = new HashMap<>();
    private int writesSinceSweep;

    public MemoryTaskStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Its stages are complete when returned; the bound only matters to a caller that wraps them. */
    @Override
    public Duration answerBound() {
        return DEFAULT_ANSWER_BOUND;
    }

    @Override
    public CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis, Start start) {
        return CompletableFuture.completedFuture(tryAcquire(keys, taskId, lockMillis));
    }

    @Override
    public CompletionStage<Boolean> renew(RunKeys keys, String taskId, long lockMillis) {
        return CompletableFuture.completedFuture(tryRenew(keys, taskId, lockMillis));
    }

    @Override
    public CompletionStage<Release> finish(RunKeys keys, String taskId, long successMillis, TaskStore.Entry entry) {
        return CompletableFuture.completedFuture(Release.of(tryFinish(keys, taskId, successMillis)));
    }

    private synchronized Acquisition tryAcquire(RunKeys keys, String taskId, long lockMillis) {
        if (!keys.locks().stream().allMatch(lock -> ownedBy(lock, taskId))) { // else a resent acquire
            if (keys.success() != null && live(keys.success()) != null) {
                return Acquisition.ALREADY_COMPLETED;
            }
            if (keys.locks().stream().anyMatch(lock -> live(lock) != null)) {
                return Acquisition.LOCK_HELD;
            }
        }
        long token = fences.merge(Objects.requireNonNull(keys.fence(), "fencing counter"), 1L, Long::sum);
        keys.locks().forEach(lock -> put(lock, taskId, lockMillis));
        return Acquisition.acquired(token);
    }

    private synchronized boolean tryRenew(RunKeys keys, String taskId, long lockMillis) {
        if (!keys.locks().stream().allMatch(lock -> ownedBy(lock, taskId))) {
            return false;
        }
        keys.locks().forEach(lock -> put(lock, taskId, lockMillis));
        return true;
    }

    private synchronized boolean tryFinish(RunKeys keys, String taskId, long successMillis) {
        List<String> owned = keys.locks().stream().filter(lock -> ownedBy(lock, taskId)).toList();
        if (keys.success() != null) {
            put(keys.success(), "completed", successMillis);
        }
        owned.forEach(entries::remove);
        return owned.size() == keys.locks().size();
    }

    /** The value under {@code key}, or {@code null} if absent or expired. */
    synchronized String get(String key) {
        Entry entry = live(key);
        return entry != null ? entry.value : fences.containsKey(key) ? fences.get(key).toString() : null;
    }

    /** Milliseconds {@code key} has left to live, or -2 if absent (as Redis {@code PTTL}). */
    synchronized long pttl(String key) {
        Entry entry = live(key);
        return entry == null ? -2 : entry.expiresAt - clock.millis();
    }

    /** How many keys are held, expired ones not yet dropped included: what the sweep keeps bounded. */
    synchronized int size() {
        return entries.size();
    }

    synchronized void put(String key, String value, long millis) {
        entries.put(key, new Entry(value, clock.millis() + millis));
        if (++writesSinceSweep >= SWEEP_EVERY) {
            writesSinceSweep = 0;
            long now = clock.millis();
            entries.values().removeIf(entry -> entry.expiresAt <= now);
        }
    }

    private boolean ownedBy(String lockKey, String taskId) {
        Entry lock = live(lockKey);
        return lock != null && lock.value.equals(taskId);
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt <= clock.millis()) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private record Entry(String value, long expiresAt) {
    }
}
