package dev.guardedtask;

/**
 * The work of a guarded run, for {@link TaskGuard#run(TaskOptions, String, TaskBody)}. It receives the
 * live result of the run: count, warn, record errors, or {@link TaskResult#fail(String) fail} it.
 * Anything it throws fails the run and reaches the caller as the cause of a {@link TaskError}.
 */
@FunctionalInterface
public interface TaskBody {

    /**
     * Does the run's work.
     *
     * @param result the run's live result (status {@code pending}), returned to the caller afterwards
     * @throws Throwable anything: it fails the run and reaches the caller as the cause of a {@link TaskError}
     */
    void run(TaskResult result) throws Throwable;
}
