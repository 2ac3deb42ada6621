package dev.guardedtask.micrometer;

import dev.guardedtask.TaskResult;
import io.micrometer.observation.Observation;

import java.util.Objects;

/**
 * The context of a {@value TaskObservations#NAME} observation: the run's live {@link TaskResult}, for handlers
 * that want more than the key values (read it, do not change it).
 */
public final class TaskObservationContext extends Observation.Context {

    private final TaskResult result;

    TaskObservationContext(TaskResult result) {
        this.result = Objects.requireNonNull(result, "result");
    }

    /**
     * The run's result: {@code pending} while the body runs, its outcome once the observation stops.
     *
     * @return the run's result
     */
    public TaskResult result() {
        return result;
    }
}
