package dev.guardedtask;

import java.util.concurrent.CompletionStage;

/**
 * The work of an asynchronous guarded run, for {@link TaskGuard#runAsync(TaskOptions, String, AsyncTaskBody)}:
 * it starts the work and returns a stage that completes when the work has ended. The run's lock is held, and
 * renewed, until that stage completes, whichever thread completes it. It receives the live result of the run,
 * which it may update until then.
 *
 * <p>A normal completion makes the run a success (unless the body {@linkplain TaskResult#fail(String) failed}
 * it); an exceptional completion, a throw before returning, or a {@code null} stage fail it.
 */
@FunctionalInterface
public interface AsyncTaskBody {

    /**
     * Starts the run's work.
     *
     * @param result the run's live result (status {@code pending}), not thread-safe: update it from one thread at
     *         a time
     * @return a stage that completes when the work has ended; {@code null} fails the run
     * @throws Throwable anything: it fails the run and reaches the caller as the cause of a {@link TaskError}
     */
    CompletionStage<?> run(TaskResult result) throws Throwable;
}
