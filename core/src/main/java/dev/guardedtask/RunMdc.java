package dev.guardedtask;

import org.slf4j.MDC;

/**
 * While a body runs, SLF4J's MDC names its run: {@value #TASK}, {@value #DATE} and {@value #TASK_ID}, so the
 * body's own log lines say which run they belong to. What the keys held before (an outer guarded run's, in a
 * nested call) is put back afterwards.
 */
final class RunMdc {

    static final String TASK = "guardedtask.task";
    static final String DATE = "guardedtask.date";
    static final String TASK_ID = "guardedtask.task_id";

    private final String task;
    private final String date;
    private final String taskId;

    private RunMdc(String task, String date, String taskId) {
        this.task = task;
        this.date = date;
        this.taskId = taskId;
    }

    /** Puts {@code result}'s run in the MDC; returns what to put back. */
    static RunMdc put(TaskResult result) {
        RunMdc before = new RunMdc(MDC.get(TASK), MDC.get(DATE), MDC.get(TASK_ID));
        MDC.put(TASK, result.task());
        MDC.put(DATE, result.date());
        MDC.put(TASK_ID, result.taskId());
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
