package dev.guardedtask.test;

import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The listener the kit adds to each test's guard: every call that ended (skipped or finished), in the order they
 * ended, except the kit's own helper runs, made on a thread marked by {@link #unrecorded}; and the runs that started
 * and have not finished yet (in flight), with the thread each started on. Thread-safe.
 */
final class RunRecorder implements TaskListener {

    private static final ThreadLocal<Boolean> KIT_RUN = ThreadLocal.withInitial(() -> false);

    private final List<TaskResult> runs = new CopyOnWriteArrayList<>();
    /** The runs in flight, by identity (a run's listener calls share one result), and the thread each started on. */
    private final Map<TaskResult, String> inFlight = new IdentityHashMap<>();

    /** {@code work}'s result; the runs it makes on this thread are left out of {@link #runs}. */
    static <T> T unrecorded(Supplier<T> work) {
        boolean before = KIT_RUN.get();
        KIT_RUN.set(true);
        try {
            return work.get();
        } finally {
            KIT_RUN.set(before);
        }
    }

    @Override
    public void skipped(TaskResult result) {
        record(result);
    }

    @Override
    public void started(TaskResult result) {
        if (!KIT_RUN.get()) {
            synchronized (inFlight) {
                inFlight.put(result, Thread.currentThread().getName());
            }
        }
    }

    @Override
    public void finished(TaskResult result, Duration duration) {
        synchronized (inFlight) {
            if (inFlight.remove(result) != null && inFlight.isEmpty()) {
                inFlight.notifyAll();
            }
        }
        record(result);
    }

    /**
     * Waits until no run is in flight, {@code timeoutMillis} at most, and returns the runs still in flight then,
     * each as {@code task 'T' [key 'K'] for D on thread 'N'}; empty if none.
     */
    List<String> awaitNoneInFlight(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (inFlight) {
            try {
                long left;
                while (!inFlight.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // report what is in flight now
            }
            List<String> running = new ArrayList<>();
            inFlight.forEach((run, thread) -> running.add("task '" + run.task() + "'"
                    + (run.key() == null ? "" : " key '" + run.key() + "'") + " for " + run.date()
                    + " on thread '" + thread + "'"));
            return running;
        }
    }

    private void record(TaskResult result) {
        if (!KIT_RUN.get()) {
            runs.add(result);
        }
    }

    List<TaskResult> runs(String task) {
        return runs.stream().filter(run -> task == null || task.equals(run.task())).toList();
    }
}
