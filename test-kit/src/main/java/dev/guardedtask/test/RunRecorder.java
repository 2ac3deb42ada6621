package dev.guardedtask.test;

import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The listener the kit adds to each test's guard: every call that ended (skipped or finished), in the order they
 * ended, except the kit's own helper runs, made on a thread marked by {@link #unrecorded}. Thread-safe.
 */
final class RunRecorder implements TaskListener {

    private static final ThreadLocal<Boolean> KIT_RUN = ThreadLocal.withInitial(() -> false);

    private final List<TaskResult> runs = new CopyOnWriteArrayList<>();

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
    public void finished(TaskResult result, Duration duration) {
        record(result);
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
