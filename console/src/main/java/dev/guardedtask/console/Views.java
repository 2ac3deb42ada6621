package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's JSON shapes, made from the operator's records: times in epoch milliseconds, durations in
 * milliseconds, enums in lower case, counters as an ordered list. "Ago" and "elapsed" are taken on the
 * console's clock when the response is made.
 */
final class Views {

    private Views() {
    }

    record Console(boolean readOnly, long now) {
    }

    record TaskView(String name, RunView lastRun, long successes, long failures, Map<String, Long> skips,
                    List<LockView> running, List<String> completedDates) {
    }

    record RunView(String id, String action, String task, String date, String taskId, String status, String reason,
                   List<String> errors, List<String> warnings, List<Counter> counters, Long started, Long ended,
                   Long durationMs, Long agoMs, long fencingToken, String worker, String by, boolean lockLost) {
    }

    record Counter(String name, long value) {
    }

    record LockView(String task, String date, String taskId, String worker, Long started, Long elapsedMs,
                    Long sinceRenewalMs, long timeLeftMs, Long lockTimeoutMs, long fencingToken) {
    }

    static TaskView task(TaskOperator.Task task, Clock clock) {
        return new TaskView(task.name(), task.lastRun() == null ? null : run(task.lastRun(), clock),
                task.successes(), task.failures(), task.skips(),
                task.running().stream().map(lock -> lock(lock, clock)).toList(), task.completedDates());
    }

    static RunView run(TaskOperator.Run run, Clock clock) {
        return new RunView(run.id(), lower(run.action()), run.task(), run.date(), run.taskId(), lower(run.status()),
                run.reason(), run.errors(), run.warnings(),
                run.counters().entrySet().stream().map(e -> new Counter(e.getKey(), e.getValue())).toList(),
                millis(run.started()), millis(run.ended()), millis(run.duration()), since(run.ended(), clock),
                run.fencingToken(), run.worker(), run.by(), run.lockLost());
    }

    static LockView lock(TaskOperator.Lock lock, Clock clock) {
        return new LockView(lock.task(), lock.date(), lock.taskId(), lock.worker(), millis(lock.started()),
                since(lock.started(), clock), millis(lock.sinceRenewal()), lock.timeLeft().toMillis(),
                millis(lock.lockTimeout()), lock.fencingToken());
    }

    private static Long since(Instant instant, Clock clock) {
        return instant == null ? null : Duration.between(instant, clock.instant()).toMillis();
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
