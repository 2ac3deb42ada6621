package dev.guardedtask.examples;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long simulated work takes, and a gauge of how many bodies of a task run at the same moment in
 * this JVM: the summary's proof that a recurring task never overlapped.
 */
final class Workload {

    private final long tickMillis;
    private final Random random = new Random(42);
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();

    Workload(long tickMillis) {
        this.tickMillis = tickMillis;
    }

    /** Between 0.3 and 1.6 ticks: some refreshes outlast a tick, so other workers find the lock held. */
    synchronized long oddsMillis() {
        return (long) (tickMillis * (0.3 + 1.3 * random.nextDouble()));
    }

    Running start(String task) {
        int now = running.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
        mostAtOnce.computeIfAbsent(task, t -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        return () -> running.get(task).decrementAndGet();
    }

    /** The most bodies of {@code task} ever seen running at once. */
    int mostAtOnce(String task) {
        AtomicInteger most = mostAtOnce.get(task);
        return most == null ? 0 : most.get();
    }

    /** A body in progress; closing it ends it. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
