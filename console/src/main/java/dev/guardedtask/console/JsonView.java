package dev.guardedtask.console;

import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --json} prints, field by field (docs/operations.md, "Command line"): snake_case names of its own
 * (a run's {@code action}, {@code ended}, {@code lock_lost}, {@code errors[]} where the history's stream has
 * {@code kind}, {@code at}/{@code ended}, {@code lock}, {@code error.N}), times as ISO-8601 UTC strings, durations
 * in milliseconds, absent values as {@code null} (a lock's or run's {@code key} when unkeyed).
 */
final class JsonView {

    private JsonView() {
    }

    static Map<String, Object> task(Task task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", task.name());
        json.put("last_run", task.lastRun() == null ? null : run(task.lastRun()));
        json.put("successes", task.successes());
        json.put("failures", task.failures());
        json.put("skips", task.skips());
        json.put("running", task.running().stream().map(JsonView::lock).toList());
        json.put("completed_dates", task.completedDates());
        return json;
    }

    static Map<String, Object> run(Run run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("action", lower(run.action()));
        json.put("task", run.task());
        json.put("key", run.key());
        json.put("date", run.date());
        json.put("task_id", run.taskId());
        json.put("status", lower(run.status()));
        json.put("reason", run.reason());
        json.put("errors", run.errors());
        json.put("warnings", run.warnings());
        json.put("counters", run.counters());
        json.put("started", time(run.started()));
        json.put("ended", time(run.ended()));
        json.put("duration_ms", millis(run.duration()));
        json.put("fencing_token", run.fencingToken());
        json.put("worker", run.worker());
        json.put("by", run.by());
        json.put("lock_lost", run.lockLost());
        json.put("forced", run.forced());
        return json;
    }

    static Map<String, Object> lock(Lock lock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", lock.task());
        json.put("key", lock.key());
        json.put("date", lock.date());
        json.put("task_id", lock.taskId());
        json.put("worker", lock.worker());
        json.put("started", time(lock.started()));
        json.put("since_renewal_ms", millis(lock.sinceRenewal()));
        json.put("time_left_ms", millis(lock.timeLeft()));
        json.put("lock_timeout_ms", millis(lock.lockTimeout()));
        json.put("looks_live", lock.looksLive());
        json.put("fencing_token", lock.fencingToken());
        return json;
    }

    static Map<String, Object> outcome(String outcome, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", outcome);
        json.put("message", message);
        return json;
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant time) {
        return time == null ? null : time.toString();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
