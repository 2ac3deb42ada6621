package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;

import java.util.List;

/**
 * The one place where keys are built ({@code docs/protocol.md}); P, T and D stand for the prefix, the task
 * and the date. {@link KeyScheme#PLAIN}: {@code Plock:T:D} and {@code Psuccess:T:D}, as in the Python
 * boilerplate when the prefix is empty, and a recurring task's task-level lock {@code Plock:T}.
 * {@link KeyScheme#CLUSTER}: the same with the task in braces, Redis Cluster's hash tag:
 * {@code Plock:{T}:D}, {@code Psuccess:{T}:D}, {@code Plock:{T}}. A task-level lock never equals a
 * per-date lock: a task name has no {@code :}, so {@code lock:T} cannot read {@code lock:X:D}. Each task
 * also has a fencing counter, {@code Pfence:T} or {@code Pfence:{T}}, in the same slot as its locks.
 */
public record TaskKeys(String prefix, KeyScheme scheme) {

    /** The keys of one run of {@code task} for {@code date}: a daily run's lock and success key, or a recurring run's two locks. */
    public RunKeys forRun(String task, String date, boolean recurring) {
        return recurring ? new RunKeys(List.of(lock(task, date), taskLock(task)), null, fence(task))
                : new RunKeys(List.of(lock(task, date)), success(task, date), fence(task));
    }

    /** {@link #forRun} with the keys a run of a guard that keeps history writes: run in progress, history, counts. */
    public RunKeys forRecordedRun(String task, String date, boolean recurring) {
        RunKeys keys = forRun(task, date, recurring);
        return new RunKeys(keys.locks(), keys.success(), keys.fence(), run(task, date), history(task), stats(task));
    }

    public String lock(String task, String date) {
        return prefix + "lock:" + tagged(task) + ':' + date;
    }

    public String success(String task, String date) {
        return prefix + "success:" + tagged(task) + ':' + date;
    }

    /** A recurring task's lock whatever the date. */
    public String taskLock(String task) {
        return prefix + "lock:" + tagged(task);
    }

    /** The task's fencing counter: the last token handed out to one of its runs. */
    public String fence(String task) {
        return prefix + "fence:" + tagged(task);
    }

    /** The task's history: a stream of its finished runs and of operators' writes. */
    public String history(String task) {
        return prefix + "history:" + tagged(task);
    }

    /** The task's counts: runs by status, skipped calls by reason (a hash). */
    public String stats(String task) {
        return prefix + "stats:" + tagged(task);
    }

    /** The run in progress for {@code task} and {@code date}: its worker, start and lock timeout (a hash). */
    public String run(String task, String date) {
        return prefix + "run:" + tagged(task) + ':' + date;
    }

    private String tagged(String task) {
        return scheme == KeyScheme.CLUSTER ? '{' + task + '}' : task;
    }
}
