package dev.guardedtask.examples.boot;

import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One context's record of its guard's runs: which started their body, and how each call ended. */
final class RecordingListener implements TaskListener {

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<TaskResult> ended = new CopyOnWriteArrayList<>();

    @Override
    public void started(TaskResult result) {
        started.add(result.task());
    }

    @Override
    public void skipped(TaskResult result) {
        ended.add(result);
    }

    @Override
    public void finished(TaskResult result, Duration duration) {
        ended.add(result);
    }

    /** How many runs of {@code task} got the lock and started their body. */
    long started(String task) {
        return started.stream().filter(task::equals).count();
    }

    /** How many calls of {@code task} ended with {@code status} and {@code reason} ({@code null} for a success). */
    long ended(String task, TaskStatus status, String reason) {
        return ended.stream().filter(r -> r.task().equals(task) && r.status() == status
                && java.util.Objects.equals(r.reason(), reason)).count();
    }

    /** Every call of {@code task} that ended, in order. */
    List<TaskResult> ended(String task) {
        return ended.stream().filter(r -> r.task().equals(task)).toList();
    }
}
