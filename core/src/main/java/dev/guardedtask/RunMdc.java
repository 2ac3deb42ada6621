package dev.guardedtask;

import org.slf4j.MDC;

/**
 * While a body runs, SLF4J's MDC names its run: {@value #TASK}, {@value #DATE}, {@value #TASK_ID} and, for a run
 * with a key, {@value #KEY}, so the
 * body's own log lines say which run they belong to. What the keys held before (an outer guarded run's, in a
 * nested call) is put back afterwards.
 */
final class RunMdc {

    static final String TASK = "guardedtask.task";
    static final String DATE = "guardedtask.date";
    static final String TASK_ID = "guardedtask.task_id";
    static final String KEY = "guardedtask.key";

    private final String task;
    private final String date;
    private final String taskId;
    private final String key;

    private RunMdc(String task, String date, String taskId, String key) {
        this.task = task;
        this.date = date;
        this.taskId = taskId;
        this.key = key;
    }

    /** Puts {@code result}'s run in the MDC; returns what to put back. */
    static RunMdc put(TaskResult result) {
        RunMdc before = new RunMdc(MDC.get(TASK), MDC.get(DATE), MDC.get(TASK_ID), MDC.get(KEY));
        MDC.put(TASK, result.task());
        MDC.put(DATE, result.date());
        MDC.put(TASK_ID, result.taskId());
        restore(KEY, result.key()); // an unkeyed run nested in a keyed one shows no key
        return before;
    }

    /**
     * Puts back what the keys held before, removing those that held nothing. Never throws: on a stack too full
     * even for this (a body that overflowed it), the keys are left as they are.
     */
    void restoreQuietly() {
        try {
            restore(TASK, task);
            restore(DATE, date);
            restore(TASK_ID, taskId);
            restore(KEY, key);
        } catch (Throwable noRoom) {
            // the run is released already; only the MDC keeps its keys
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
