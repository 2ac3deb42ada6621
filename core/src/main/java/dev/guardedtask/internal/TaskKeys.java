package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where keys are built ({@code docs/protocol.md}); P, T and D stand for the prefix, the task
 * and the date. {@link KeyScheme#PLAIN}: {@code Plock:T:D} and {@code Psuccess:T:D}, as in the Python
 * boilerplate when the prefix is empty, and a recurring task's task-level lock {@code Plock:T}.
 * {@link KeyScheme#CLUSTER}: the same with the task in braces, Redis Cluster's hash tag:
 * {@code Plock:{T}:D}, {@code Psuccess:{T}:D}, {@code Plock:{T}}. A task-level lock never equals a
 * per-date lock: a task name has no {@code :}, so {@code lock:T} cannot read {@code lock:X:D}. Each task
 * also has a fencing counter, {@code Pfence:T} or {@code Pfence:{T}}, in the same slot as its locks. A run with a
 * key K ({@link dev.guardedtask.TaskKey}) has {@code T#K} where the others have {@code T} in its locks, success key
 * and run-in-progress key ({@code Plock:T#K:D}, {@code Plock:{T}#K:D}); its fencing counter, history and counts
 * are the task's.
 */
public record TaskKeys(String prefix, KeyScheme scheme) {

    /**
     * The keys of one run of {@code task} for {@code date}, with {@code key} ({@code null}: none): a daily run's
     * lock and success key, or a recurring run's two locks; the fencing counter is the task's, whatever the key.
     */
    public RunKeys forRun(String task, String key, String date, boolean recurring) {
        return recurring ? new RunKeys(List.of(lock(task, key, date), taskLock(task, key)), null, fence(task))
                : new RunKeys(List.of(lock(task, key, date)), success(task, key, date), fence(task));
    }

    /**
     * {@link #forRun} with the keys a run of a guard that keeps history writes: run in progress (per key), the
     * task's history and counts (per task).
     */
    public RunKeys forRecordedRun(String task, String key, String date, boolean recurring) {
        RunKeys keys = forRun(task, key, date, recurring);
        return new RunKeys(keys.locks(), keys.success(), keys.fence(), run(task, key, date), history(task), stats(task));
    }

    public String lock(String task, String date) {
        return lock(task, null, date);
    }

    /** {@code Plock:T#K:D} ({@code Plock:T:D} without a key). */
    public String lock(String task, String key, String date) {
        return prefix + "lock:" + named(task, key) + ':' + date;
    }

    public String success(String task, String date) {
        return success(task, null, date);
    }

    /** {@code Psuccess:T#K:D} ({@code Psuccess:T:D} without a key). */
    public String success(String task, String key, String date) {
        return prefix + "success:" + named(task, key) + ':' + date;
    }

    /** A recurring task's lock whatever the date. */
    public String taskLock(String task) {
        return taskLock(task, null);
    }

    /** A recurring task's lock for {@code key} whatever the date: {@code Plock:T#K} ({@code Plock:T} without a key). */
    public String taskLock(String task, String key) {
        return prefix + "lock:" + named(task, key);
    }

    /** The task's fencing counter: the last token handed out to one of its runs. */
    public String fence(String task) {
        return prefix + "fence:" + tagged(task);
    }

    /** The task's history: a stream of its finished runs and of operators' writes. */
    public String history(String task) {
        return prefix + "history:" + tagged(task);
    }

    /** The task's counts: runs by status, skipped calls by reason (a hash). */
    public String stats(String task) {
        return prefix + "stats:" + tagged(task);
    }

    /** The run in progress for {@code task} and {@code date}: its worker, start and lock timeout (a hash). */
    public String run(String task, String date) {
        return run(task, null, date);
    }

    /** The run in progress for {@code task}, {@code key} and {@code date}: {@code Prun:T#K:D} ({@code Prun:T:D} without a key). */
    public String run(String task, String key, String date) {
        return prefix + "run:" + named(task, key) + ':' + date;
    }

    /** The kinds of key that name a task, as {@link #parse} reads them: its locks, success keys, history and counts. */
    public static final List<String> TASK_KINDS = List.of("lock", "success", "history", "stats");

    /**
     * After {@code P<kind>:}: a task name, bare or in braces, then for a lock or success key maybe {@code #K},
     * then for some kinds {@code :D}.
     */
    private static final Pattern REST = Pattern.compile(
            "(?:\\{([A-Za-z0-9_.-]{1,200})}|([A-Za-z0-9_.-]{1,200}))(?:#([A-Za-z0-9_.-]{1,200}))?(?::([0-9]{8}))?");

    /**
     * A key of {@link #TASK_KINDS} taken apart: its name in Redis, its kind, task, key ({@code null} unless a
     * keyed run's lock or success key) and date ({@code null} for the task's history, counts and a recurring
     * task's task-level lock).
     */
    public record Parsed(String redisKey, String kind, String task, String key, String date, boolean tagged) {
    }

    /** The keys of this prefix in the scheme whose form a key showed: tagged ({@link KeyScheme#CLUSTER}) or not. */
    public TaskKeys withForm(boolean tagged) {
        return new TaskKeys(prefix, tagged ? KeyScheme.CLUSTER : KeyScheme.PLAIN);
    }

    /**
     * The {@code SCAN} pattern for the keys of {@link #TASK_KINDS}: the prefix with its glob characters escaped,
     * then a first letter of theirs, so that one pass over the keyspace finds them all ({@link #parse} sorts
     * out the rest).
     */
    public String scanPattern() {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "[lsh]*";
    }

    /**
     * {@code key} taken apart, or {@code null} if it is no key of a task under this prefix (another
     * application's, a date that is not 8 digits, a key that is empty or holds a second {@code #}): either
     * scheme's form is read, so the keys of workers on the other scheme show too. Success keys need a date;
     * history and counts have none and no key.
     */
    public Parsed parse(String key) {
        if (!key.startsWith(prefix)) {
            return null;
        }
        for (String kind : TASK_KINDS) {
            if (key.startsWith(kind + ':', prefix.length())) {
                Matcher rest = REST.matcher(key).region(prefix.length() + kind.length() + 1, key.length());
                if (!rest.matches()) {
                    return null;
                }
                String taskKey = rest.group(3);
                String date = rest.group(4);
                boolean fits = switch (kind) {
                    case "lock" -> true;
                    case "success" -> date != null;
                    default -> date == null && taskKey == null; // history and counts are per task, never per key
                };
                boolean tagged = rest.group(1) != null;
                return fits ? new Parsed(key, kind, tagged ? rest.group(1) : rest.group(2), taskKey, date, tagged) : null;
            }
        }
        return null;
    }

    /**
     * The task, tagged in the cluster scheme, then {@code #K} if there is a key: the tag stays on the task, so all
     * its keys share its slot (and its fencing counter's). Neither a task nor a key holds {@code #}, {@code :} or
     * braces, so a keyed name never reads as an unkeyed one or as another task's.
     */
    private String named(String task, String key) {
        return key == null ? tagged(task) : tagged(task) + '#' + key;
    }

    private String tagged(String task) {
        return scheme == KeyScheme.CLUSTER ? '{' + task + '}' : task;
    }
}
