package dev.guardedtask.micrometer;

import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Micrometer {@link Observation} per call of a guarded task, a {@link TaskListener}:
 * {@code TaskGuard.builder().listener(new TaskObservations(observationRegistry))}. With Micrometer Tracing
 * each run is a span; with a {@code DefaultMeterObservationHandler} a timer {@value #NAME}.
 *
 * <ul>
 *   <li>name {@value #NAME}, contextual name {@code guardedtask <task>}, context {@link TaskObservationContext};</li>
 *   <li>low-cardinality keys {@code task}, {@code status} ({@code success}, {@code failed}, {@code skipped}) and
 *   {@code reason} (the result's, {@code none} without one);</li>
 *   <li>high-cardinality keys {@code task.date} and {@code task.id}.</li>
 * </ul>
 *
 * <p>A run's observation starts just before its body and its scope is open on the body's thread while the
 * body runs (for an asynchronous run, while its synchronous part runs: the scope is closed when it has returned
 * its stage, on that thread), so spans and log correlation inside the body are its children; it stops when the
 * run finishes,
 * with a {@link TaskFailedException} as its error if the run failed. A call that fails before its body (Redis
 * unreachable) gets an observation started and stopped when it finishes. A skipped call gets a short
 * observation too (started and stopped at once), so every call is one observation and skips can be counted.
 * A lost lock and a store error at the release are events of the run's observation ({@link #LOCK_LOST},
 * {@link #STORE_ERROR}).
 *
 * <p>Thread-safe.
 */
public final class TaskObservations implements TaskListener {

    /** The observation's name. */
    public static final String NAME = "guardedtask.run";

    /** The event of a run whose lock was lost while its body ran. */
    public static final Observation.Event LOCK_LOST = Observation.Event.of("guardedtask.lock.lost",
            "lock lost while the body ran");
    /** The event of a store error at the release; its contextual name says the kind: {@code store error <kind>}. */
    public static final Observation.Event STORE_ERROR = Observation.Event.of("guardedtask.store.error",
            "store error %s");

    private final ObservationRegistry registry;
    /** The runs between started and finished (TaskResult is compared by identity). */
    private final Map<TaskResult, Running> running = new ConcurrentHashMap<>();

    /**
     * Observations in {@code registry}.
     *
     * @param registry where the observations are made
     * @throws NullPointerException if {@code registry} is null
     */
    public TaskObservations(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void skipped(TaskResult result) {
        stop(start(result), result);
    }

    @Override
    public void started(TaskResult result) {
        Observation observation = start(result);
        running.put(result, new Running(observation, observation.openScope(), Thread.currentThread(),
                new AtomicBoolean()));
    }

    @Override
    public void bodyReturned(TaskResult result) {
        Running run = running.get(result);
        if (run != null) {
            run.closeScope();
        }
    }

    @Override
    public void lockLost(TaskResult result) {
        event(result, LOCK_LOST);
    }

    @Override
    public void storeError(TaskResult result, String reason, String message) {
        event(result, STORE_ERROR.format(reason));
    }

    private void event(TaskResult result, Observation.Event event) {
        Running run = running.get(result);
        if (run != null) {
            run.observation().event(event);
        }
    }

    @Override
    public void finished(TaskResult result, Duration duration) {
        Running run = running.remove(result);
        if (run == null) {
            stop(start(result), result);
            return;
        }
        run.closeScope();
        stop(run.observation(), result);
    }

    private Observation start(TaskResult result) {
        return Observation.createNotStarted(NAME, () -> new TaskObservationContext(result), registry)
                .contextualName("guardedtask " + result.task())
                .lowCardinalityKeyValue("task", result.task())
                .highCardinalityKeyValue("task.date", result.date())
                .highCardinalityKeyValue("task.id", String.valueOf(result.taskId()))
                .start();
    }

    private static void stop(Observation observation, TaskResult result) {
        observation.lowCardinalityKeyValue("status", result.status().name().toLowerCase(Locale.ROOT))
                .lowCardinalityKeyValue("reason", result.reason() == null ? TaskMetrics.NO_REASON : result.reason());
        if (result.status() == TaskStatus.FAILED) {
            observation.error(new TaskFailedException(result));
        }
        observation.stop();
    }

    private record Running(Observation observation, Observation.Scope scope, Thread thread, AtomicBoolean closed) {

        /** Closes the scope once, and only on the thread that opened it: a scope is thread-local. */
        void closeScope() {
            if (thread == Thread.currentThread() && closed.compareAndSet(false, true)) {
                scope.close();
            }
        }
    }
}
