package dev.guardedtask;

import dev.guardedtask.internal.Inputs;

import java.time.Duration;

/**
 * What a guarded task is: its name, whether it recurs, optional overrides of the guard's lock timeout and
 * success TTL ({@code null} takes the guard's default), and an optional key that guards the run per task, key
 * and date ({@link TaskKey}). Validated on creation: a name or key that does not match, or a duration under
 * 1 ms or over 3650 days, throws {@code IllegalArgumentException}. Immutable and thread-safe.
 *
 * <pre>{@code
 * guard.run(TaskOptions.daily("task_daily_report"), null, result -> report.send());
 * guard.run(TaskOptions.recurring("task_odds").withLockTimeout(Duration.ofMinutes(10)), null, body);
 * guard.run(TaskOptions.daily("task_export").withKey(customerId), null, result -> export(customerId));
 * }</pre>
 *
 * @param name        {@code [A-Za-z0-9_.-]{1,200}}
 * @param recurring   {@code false}: at most once per date; {@code true}: never twice at once, no success key
 * @param lockTimeout lock time to live, renewed while the body runs, 1 ms to 3650 days; {@code null} = guard default
 * @param successTtl  success key time to live, 1 ms to 3650 days; {@code null} = guard default
 * @param key         {@code [A-Za-z0-9_.-]{1,200}}: the run is guarded per task, key and date; {@code null} (the
 *                    default) = no key, one lock per task and date
 */
public record TaskOptions(String name, boolean recurring, Duration lockTimeout, Duration successTtl, String key) {

    /**
     * Checks the options.
     *
     * @param name the task name
     * @param recurring whether the task is recurring
     * @param lockTimeout the lock timeout, or {@code null} for the guard's default
     * @param successTtl the success key's time to live, or {@code null} for the guard's default
     * @param key the key, or {@code null} for none
     * @throws IllegalArgumentException for a name, duration or key of the wrong form, naming the task and the value
     */
    public TaskOptions {
        Inputs.taskName(name);
        if (lockTimeout != null) {
            Inputs.duration(name, "lockTimeout", lockTimeout);
        }
        if (successTtl != null) {
            Inputs.duration(name, "successTtl", successTtl);
        }
        if (key != null) {
            Inputs.taskKey(name, key);
        }
    }

    /**
     * Options without a key, as before keys existed.
     *
     * @param name the task name
     * @param recurring whether the task is recurring
     * @param lockTimeout the lock timeout, or {@code null} for the guard's default
     * @param successTtl the success key's time to live, or {@code null} for the guard's default
     */
    public TaskOptions(String name, boolean recurring, Duration lockTimeout, Duration successTtl) {
        this(name, recurring, lockTimeout, successTtl, null);
    }

    /**
     * A daily task: runs at most once per date.
     *
     * @param name the task name
     * @return the options
     */
    public static TaskOptions daily(String name) {
        return new TaskOptions(name, false, null, null);
    }

    /**
     * A recurring task: runs on every call that gets the lock, never two at once.
     *
     * @param name the task name
     * @return the options
     */
    public static TaskOptions recurring(String name) {
        return new TaskOptions(name, true, null, null);
    }

    /**
     * The options an annotation declares; its ISO-8601 durations are parsed here.
     *
     * @param task the annotation
     * @return the options
     */
    public static TaskOptions of(GuardedTask task) {
        String name = Inputs.taskName(task.name());
        return new TaskOptions(name, task.recurring(),
                Inputs.duration(name, "lockTimeout", task.lockTimeout()),
                Inputs.duration(name, "successTtl", task.successTtl()));
    }

    /**
     * These options with lock timeout {@code timeout}.
     *
     * @param timeout 1 ms to 3650 days, or {@code null} for the guard's default
     * @return new options
     */
    public TaskOptions withLockTimeout(Duration timeout) {
        return new TaskOptions(name, recurring, timeout, successTtl, key);
    }

    /**
     * These options with success key time to live {@code ttl}.
     *
     * @param ttl 1 ms to 3650 days, or {@code null} for the guard's default
     * @return new options
     */
    public TaskOptions withSuccessTtl(Duration ttl) {
        return new TaskOptions(name, recurring, lockTimeout, ttl, key);
    }

    /**
     * These options with {@code key}: a daily task then completes once per key and date, a recurring task's runs
     * never overlap for the same key ({@link TaskKey}).
     *
     * @param key {@code [A-Za-z0-9_.-]{1,200}}, e.g. a customer id
     * @return new options
     * @throws IllegalArgumentException for a key of another form or {@code null} (a missing id must not turn into
     *     the task's unkeyed run, which excludes none of its keyed ones), naming the task and the key; Redis is not
     *     touched
     * @see #withoutKey()
     */
    public TaskOptions withKey(String key) {
        return new TaskOptions(name, recurring, lockTimeout, successTtl, Inputs.taskKey(name, key));
    }

    /**
     * These options without a key: one lock per task and date.
     *
     * @return new options
     */
    public TaskOptions withoutKey() {
        return new TaskOptions(name, recurring, lockTimeout, successTtl, null);
    }
}
