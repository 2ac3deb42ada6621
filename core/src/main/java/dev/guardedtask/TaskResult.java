package dev.guardedtask;

import dev.guardedtask.internal.Json;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of one guarded run, with the Python boilerplate's fields: task, date, task id, status,
 * reason, errors, warnings, and counters of the task's own.
 *
 * <p>The object injected into a guarded method is the one its caller gets back. It is mutable and
 * <b>not thread-safe</b>: if the body shares it with other threads, it must synchronize on it.
 */
public final class TaskResult implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Reason of a daily task skipped because its success key exists. */
    public static final String ALREADY_COMPLETED = "already_completed";
    /** Reason of a run skipped because another run holds the lock. */
    public static final String LOCK_HELD = "lock_held";
    /**
     * Reason of a run that failed because the store could not be reached before the body ran, Redis was out
     * of memory, or could not serve for now (a failover: {@code CLUSTERDOWN}, {@code TRYAGAIN},
     * {@code MASTERDOWN}, {@code LOADING}, a replica's {@code READONLY}): the next call may get through. Also the prefix of the warning of a run whose release
     * could not reach the store.
     */
    public static final String BACKEND_UNAVAILABLE = "backend_unavailable";
    /**
     * Reason of a run that failed because Redis refused the guard's command before the body ran: its
     * login, a permission, a key of another type, keys in different cluster slots ({@code CROSSSLOT}), an
     * error in the script; or because the client's TLS settings do not fit the
     * server's. A setting is wrong and every call fails the same way until it is fixed; the
     * {@link TaskError}'s message quotes Redis and gives the fix. Also the prefix of the warning of a run
     * whose release Redis refused.
     */
    public static final String BACKEND_REFUSED = "backend_refused";
    /**
     * Reason of a run that failed because fewer replicas than {@link TaskGuard.Builder#waitForReplicas}
     * asks for acknowledged its lock in time: the body did not run and the lock was released. Also the
     * prefix of the warning of a run whose release (and completion) too few replicas acknowledged: a
     * failover may lose it.
     */
    public static final String NOT_REPLICATED = "not_replicated";
    /** Reason of a chain step skipped because a dependency did not succeed. */
    public static final String DEPENDENCY_NOT_MET = "dependency_not_met";
    /** Reason of a run whose body threw. */
    public static final String EXCEPTION = "exception";
    /**
     * Reason of a run that failed because the guard's own code threw before the body ran (an
     * {@code Error} such as {@code StackOverflowError}, usually), and prefix of the warning of a run
     * whose lock had to be released again from the guard's own thread.
     */
    public static final String GUARD_ERROR = "guard_error";
    /** Warning of a run whose lock expired, was taken by another worker, or was released by an operator while the body ran. */
    public static final String LOCK_LOST = "lock_lost";

    private static final Set<String> FIELDS =
            Set.of("task", "date", "key", "task_id", "status", "errors", "warnings", "reason", "fencing_token");

    /** The task name. */
    private final String task;
    /** The date, {@code YYYYMMDD}. */
    private final String date;
    /** The key, or {@code null}. */
    private final String key;
    /** The run's id. */
    private final String taskId;
    /** The run's status. */
    private TaskStatus status = TaskStatus.PENDING;
    /** Why it was skipped or failed. */
    private String reason;
    /** The run's fencing token, 0 if not acquired. */
    private long fencingToken;
    /** The errors recorded. */
    private final ArrayList<String> errors = new ArrayList<>();
    /** The warnings recorded. */
    private final ArrayList<String> warnings = new ArrayList<>();
    /** The counters, by name, in creation order. */
    private final LinkedHashMap<String, Long> counters = new LinkedHashMap<>();

    TaskResult(String task, String date, String taskId) {
        this(task, null, date, taskId);
    }

    TaskResult(String task, String key, String date, String taskId) {
        this.task = task;
        this.key = key;
        this.date = date;
        this.taskId = taskId;
    }

    /**
     * The task name.
     *
     * @return the task name
     */
    public String task() {
        return task;
    }

    /**
     * The date the run is for, {@code YYYYMMDD}.
     *
     * @return the date, {@code YYYYMMDD}
     */
    public String date() {
        return date;
    }

    /**
     * The key the run is guarded by ({@link TaskKey}, {@link TaskOptions#withKey}); {@code null} for a run without a key.
     *
     * @return the key, or {@code null}
     */
    public String key() {
        return key;
    }

    /** How messages name the run's task: {@code Task 'T'}, with {@code key 'K'} for a keyed run. */
    String subject() {
        return key == null ? "Task '" + task + "'" : "Task '" + task + "' key '" + key + "'";
    }

    /**
     * This run's id: 8 lowercase hex characters, the value of the lock key while the run holds it.
     *
     * @return the run's id
     */
    public String taskId() {
        return taskId;
    }

    /**
     * The run's status: {@code PENDING} while the body runs, then its outcome.
     *
     * @return the status
     */
    public TaskStatus status() {
        return status;
    }

    /**
     * Why the run was skipped or failed ({@code already_completed}, {@code lock_held}, ...); {@code null} otherwise.
     *
     * @return the reason, or {@code null}
     */
    public String reason() {
        return reason;
    }

    /**
     * This run's fencing token: a number greater than that of every earlier run of the same task that
     * acquired its lock (on Redis, the task's counter {@code fence:T}, incremented by the acquire), so
     * that a store the body writes to can refuse a write from a run that lost its lock to a later one.
     * 0 if the body did not run (skipped, or failed before it, a {@code not_replicated} run included). Without
     * {@code waitForReplicas}, a failover can hand out the same token twice: see the guide.
     *
     * @return the fencing token, or 0
     */
    public long fencingToken() {
        return fencingToken;
    }

    /**
     * The errors recorded so far, in order (unmodifiable view).
     *
     * @return the errors
     */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    /**
     * The warnings recorded so far, in order (unmodifiable view).
     *
     * @return the warnings
     */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * Adds one to counter {@code name}, creating it at 0 first.
     *
     * @param name the counter's name
     */
    public void increment(String name) {
        add(name, 1);
    }

    /**
     * Adds {@code n} (may be negative) to counter {@code name}, creating it at 0 first.
     *
     * @param name the counter's name
     * @param n the amount to add
     */
    public void add(String name, long n) {
        counters.merge(checkCounterName(name), n, Long::sum);
    }

    /**
     * The value of counter {@code name}; 0 if it was never touched.
     *
     * @param name the counter's name
     * @return its value
     */
    public long count(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /**
     * Records an error. It does not fail the run by itself: call {@link #fail(String)} or throw for that.
     *
     * @param message what went wrong
     */
    public void error(String message) {
        errors.add(notNull(message, "error(message)"));
    }

    /**
     * Records a non-fatal warning.
     *
     * @param message what to warn about
     */
    public void warn(String message) {
        warnings.add(notNull(message, "warn(message)"));
    }

    /**
     * Fails the run: once the body returns, the date is not marked completed, the lock is released and
     * the caller gets a {@link TaskError} carrying this result.
     *
     * @param reason why, e.g. {@code "quota_exceeded"}: becomes {@link #reason()}
     * @throws IllegalArgumentException if {@code reason} is null or blank
     */
    public void fail(String reason) {
        this.reason = notBlank(reason, "fail(reason)", "a reason that says why the run failed", "quota_exceeded");
        this.status = TaskStatus.FAILED;
    }

    /**
     * The result as the boilerplate's dictionary: {@code task}, {@code date}, {@code key} (only for a run with a
     * key: a run without one has exactly the boilerplate's fields), {@code task_id},
     * {@code status} (lower case), {@code errors}, {@code warnings}, {@code reason} (present even when
     * {@code null}), {@code fencing_token} (a {@code Long}, 0 if not acquired; not in the boilerplate's
     * dictionary), then the counters as {@code Long}s. A fresh, insertion-ordered copy.
     *
     * @return the map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task", task);
        map.put("date", date);
        if (key != null) {
            map.put("key", key);
        }
        map.put("task_id", taskId);
        map.put("status", status.wireName());
        map.put("errors", List.copyOf(errors));
        map.put("warnings", List.copyOf(warnings));
        map.put("reason", reason);
        map.put("fencing_token", fencingToken);
        map.putAll(counters);
        return map;
    }

    /**
     * {@link #toMap()} as a JSON object.
     *
     * @return the JSON object
     */
    public String toJson() {
        return Json.write(toMap());
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** The counters, in the order the body set them: the live map, for the guard's own reading. */
    Map<String, Long> counters() {
        return counters;
    }

    boolean isFailed() {
        return status == TaskStatus.FAILED;
    }

    void skip(String why) {
        status = TaskStatus.SKIPPED;
        reason = why;
    }

    void acquired(long token) {
        fencingToken = token;
    }

    void succeed() {
        status = TaskStatus.SUCCESS;
    }

    void failWith(String why, String error) {
        if (status != TaskStatus.FAILED) {
            fail(why);
        }
        errors.add(error);
    }

    private String notNull(String value, String call) {
        if (value == null) {
            throw new IllegalArgumentException("Task '" + task + "': " + call + " got null; pass a text.");
        }
        return value;
    }

    private String notBlank(String value, String call, String what, String example) {
        if (notNull(value, call).isBlank()) {
            throw new IllegalArgumentException(String.format(
                    "Task '%s': %s got '%s', a blank text; pass %s, e.g. '%s'.",
                    task, call, value, what, example));
        }
        return value;
    }

    private String checkCounterName(String name) {
        notBlank(name, "counter name", "a name that says what it counts", "reports_sent");
        if (FIELDS.contains(name)) {
            throw new IllegalArgumentException(String.format(
                    "Task '%s': counter name '%s' is a standard result field; choose another name, e.g. '%s_count'.",
                    task, name, name));
        }
        return name;
    }
}
