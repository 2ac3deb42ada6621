package dev.guardedtask.spring;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOperator;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actuator endpoint {@code guardedtask} ({@code GET /actuator/guardedtask} once exposed with
 * {@code management.endpoints.web.exposure.include=guardedtask}): read-only, from the guard's
 * {@link TaskGuard#operator() operator API}. The JSON is in docs/guide.md, "Spring Boot": {@code store},
 * {@code locks} (held now) and {@code tasks} (each with its counts and its last runs, newest first). No key prefix,
 * address or error text of Redis is shown. Thread-safe; each read costs a scan of the guard's keys.
 */
@Endpoint(id = "guardedtask")
public class GuardedTaskEndpoint {

    /** How many of a task's newest history entries the endpoint shows. */
    public static final int LAST_RUNS = 5;

    private final TaskGuard guard;

    /**
     * An endpoint reading {@code guard}'s keys.
     *
     * @param guard the guard whose tasks, runs and locks the endpoint shows
     */
    public GuardedTaskEndpoint(TaskGuard guard) {
        this.guard = guard;
    }

    /**
     * The locks held now and the tasks with their last runs.
     *
     * @return for a Redis guard {@code {"store":"redis","locks":[...],"tasks":[...]}}; for an in-memory guard
     *     {@code {"store":"memory","locks":[],"tasks":[],"note":"..."}}
     * @throws IllegalStateException if Redis does not answer (actuator answers 500)
     */
    @ReadOperation
    public Map<String, Object> guardedtask() {
        Map<String, Object> json = new LinkedHashMap<>();
        TaskOperator operator;
        try {
            operator = guard.operator();
        } catch (IllegalStateException inMemory) {
            json.put("store", "memory");
            json.put("locks", List.of());
            json.put("tasks", List.of());
            json.put("note", "an in-memory TaskGuard (inMemory()) keeps no locks or history that other processes "
                    + "see; build it on Redis to list them here");
            return json;
        }
        json.put("store", "redis");
        json.put("locks", operator.locks().stream().map(GuardedTaskEndpoint::lock).toList());
        json.put("tasks", operator.tasks().stream().map(task -> task(operator, task)).toList());
        return json;
    }

    private static Map<String, Object> lock(TaskOperator.Lock lock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", lock.task());
        json.put("key", lock.key());
        json.put("date", lock.date());
        json.put("taskId", lock.taskId());
        json.put("worker", lock.worker());
        json.put("started", text(lock.started()));
        json.put("timeLeftMs", millis(lock.timeLeft()));
        json.put("lockTimeoutMs", millis(lock.lockTimeout()));
        json.put("fencingToken", lock.fencingToken());
        return json;
    }

    private static Map<String, Object> task(TaskOperator operator, TaskOperator.Task task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", task.name());
        json.put("successes", task.successes());
        json.put("failures", task.failures());
        json.put("skips", task.skips());
        json.put("running", task.running().size());
        json.put("lastRuns", operator.runs(task.name(), null, null, LAST_RUNS).stream()
                .map(GuardedTaskEndpoint::run).toList());
        return json;
    }

    private static Map<String, Object> run(TaskOperator.Run run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", run.action().name().toLowerCase(java.util.Locale.ROOT));
        json.put("key", run.key());
        json.put("date", run.date());
        json.put("taskId", run.taskId());
        json.put("status", run.status() == null ? null : run.status().name().toLowerCase(java.util.Locale.ROOT));
        json.put("reason", run.reason());
        json.put("worker", run.worker());
        json.put("started", text(run.started()));
        json.put("ended", text(run.ended()));
        json.put("durationMs", millis(run.duration()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
