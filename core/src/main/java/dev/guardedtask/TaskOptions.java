package dev.guardedtask;

import dev.guardedtask.internal.Inputs;

import java.time.Duration;

/**
 * What a guarded task is: its name, whether it recurs, and optional overrides of the guard's lock
 * timeout and success TTL ({@code null} takes the guard's default). Validated on creation: a name that
 * does not match, or a duration under 1 ms or over 3650 days, throws {@code IllegalArgumentException}.
 *
 * <pre>{@code
 * guard.run(TaskOptions.daily("task_daily_report"), null, result -> report.send());
 * guard.run(TaskOptions.recurring("task_odds").withLockTimeout(Duration.ofMinutes(10)), null, body);
 * }</pre>
 *
 * @param name        {@code [A-Za-z0-9_.-]{1,200}}
 * @param recurring   {@code false}: at most once per date; {@code true}: never twice at once, no success key
 * @param lockTimeout lock time to live, renewed while the body runs, 1 ms to 3650 days; {@code null} = guard default
 * @param successTtl  success key time to live, 1 ms to 3650 days; {@code null} = guard default
 */
public record TaskOptions(String name, boolean recurring, Duration lockTimeout, Duration successTtl) {

    public TaskOptions {
        Inputs.taskName(name);
        if (lockTimeout != null) {
            Inputs.duration(name, "lockTimeout", lockTimeout);
        }
        if (successTtl != null) {
            Inputs.duration(name, "successTtl", successTtl);
        }
    }

    /** A daily task: runs at most once per date. */
    public static TaskOptions daily(String name) {
        return new TaskOptions(name, false, null, null);
    }

    /** A recurring task: runs on every call that gets the lock, never two at once. */
    public static TaskOptions recurring(String name) {
        return new TaskOptions(name, true, null, null);
    }

    /** The options an annotation declares; its ISO-8601 durations are parsed here. */
    public static TaskOptions of(GuardedTask task) {
        String name = Inputs.taskName(task.name());
        return new TaskOptions(name, task.recurring(),
                Inputs.duration(name, "lockTimeout", task.lockTimeout()),
                Inputs.duration(name, "successTtl", task.successTtl()));
    }

    public TaskOptions withLockTimeout(Duration timeout) {
        return new TaskOptions(name, recurring, timeout, successTtl);
    }

    public TaskOptions withSuccessTtl(Duration ttl) {
        return new TaskOptions(name, recurring, lockTimeout, ttl);
    }
}
