package dev.guardedtask;

import dev.guardedtask.internal.Inputs;
import dev.guardedtask.internal.LocalHost;
import dev.guardedtask.internal.RedisOperator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operator sees and does: the tasks a guard's keys name, their run history, the locks held now,
 * and three writes (release a lock, forget a completion, mark a date completed), each recorded in the
 * task's history with who did it. Reads the same Redis, key prefix and key scheme as the
 * {@link TaskGuard} it comes from ({@link TaskGuard#operator()}); works on a single server, with Sentinel
 * (the primary) and on a cluster (every primary is scanned). History is what guards write when they finish
 * a run (docs/protocol.md, "History"); workers that write none (the Python boilerplate, a guard with
 * history off) show as locks and completed dates only. A keyed task ({@code @TaskKey}) has a lock and a success
 * key per key and date, and one history and one set of counts; its locks and history entries carry their key, and
 * the calls that take a {@code key} address one key's lock or success key ({@code null}: the unkeyed one).
 *
 * <p>Thread-safe. Every call is a few Redis round trips (a {@code SCAN} over the guard's keys for
 * {@link #tasks()} and {@link #locks()}): made for people and dashboards, not for the hot path.
 */
public final class TaskOperator {

    /** What a {@link Run} records. */
    public enum Action {
        /** A guarded run that finished: its status, reason, errors, warnings and counters. */
        RUN,
        /** An operator deleted the lock ({@link #release}). */
        RELEASE,
        /** An operator deleted the success key, so the next call runs the date again ({@link #forget}). */
        FORGET,
        /** An operator set the success key ({@link #complete}). */
        COMPLETE
    }

    /**
     * One entry of a task's history.
     *
     * @param id the entry's Redis stream id ({@code 1764460800000-0}); entries sort by it
     * @param action what happened
     * @param date the date of the run or of the operator's write, {@code YYYYMMDD}
     * @param task the task's name
     * @param key the run's key ({@code @TaskKey}), or the key an operator's write addressed; {@code null} for an
     *     unkeyed run or write
     * @param taskId the run's id; for {@link Action#RELEASE}, the id the released lock held; {@code null} for
     *     {@link Action#FORGET} and {@link Action#COMPLETE}
     * @param status {@link TaskStatus#SUCCESS} or {@link TaskStatus#FAILED} for a run; {@code null} for an
     *     operator's write
     * @param reason the run's reason, or {@code null}
     * @param errors the run's errors, in order; empty for an operator's write
     * @param warnings the run's warnings, in order, as the run had them when it finished; empty for an operator's
     *     write
     * @param counters the run's counters, in the order the body set them; empty for an operator's write
     * @param started when the body started (the worker's clock), or {@code null} for an operator's write
     * @param ended when the run finished, or the operator wrote (the writer's clock); {@code null} only for an
     *     entry written by hand without the time
     * @param fencingToken the run's fencing token; 0 for an operator's write
     * @param worker the worker that ran it ({@link TaskGuard.Builder#workerName}); for {@link Action#RELEASE},
     *     the holder of the released lock if known, else {@code null}
     * @param by who made an operator's write; {@code null} for a run
     * @param lockLost {@code true} if the run's lock was gone or another run's when it finished
     * @param forced {@code true} for a {@link Action#RELEASE} made with {@code force}
     */
    public record Run(String id, Action action, String task, String key, String date, String taskId, TaskStatus status,
                      String reason, List<String> errors, List<String> warnings, Map<String, Long> counters,
                      Instant started, Instant ended, long fencingToken, String worker, String by,
                      boolean lockLost, boolean forced) {

        /**
         * How long the run took: {@code ended - started}; {@code null} for an operator's write.
         *
         * @return the run's duration, or {@code null}
         */
        public Duration duration() {
            return started == null || ended == null ? null : Duration.between(started, ended);
        }
    }

    /**
     * A lock held now.
     *
     * @param task the task's name
     * @param key the key it guards ({@code @TaskKey}), or {@code null} for an unkeyed run's lock
     * @param date the date it guards, {@code YYYYMMDD}
     * @param taskId the id of the run that holds it (what the lock key holds)
     * @param worker the holder's worker name, or {@code null} if its worker records no history (a Python
     *     worker, a guard with history off)
     * @param started when the holder's run started (its worker's clock), or {@code null} if unknown
     * @param sinceRenewal how long ago the holder last set or renewed it, or {@code null} if unknown
     * @param timeLeft how long until it expires unless renewed; {@code null} if it has no expiry (set by hand)
     * @param lockTimeout the holder's lock timeout, or {@code null} if unknown
     * @param fencingToken the holder's fencing token, or 0 if unknown
     */
    public record Lock(String task, String key, String date, String taskId, String worker, Instant started,
                       Duration sinceRenewal, Duration timeLeft, Duration lockTimeout, long fencingToken) {

        /**
         * Whether {@link #release} without {@code force} would refuse this lock as {@link Released#LIVE}, as it
         * was read: its holder's lock timeout is unknown (its worker records no history), or it was set or renewed
         * within the last half of it. A lock without expiry (set by hand) whose holder is known is not live. The
         * release script applies the same rule to the lock as it is then, and decides.
         *
         * @return {@code true} if the holder looks alive
         */
        public boolean looksLive() {
            return lockTimeout == null
                    || sinceRenewal != null && sinceRenewal.compareTo(lockTimeout.dividedBy(2)) < 0;
        }
    }

    /**
     * A task, as its keys show it.
     *
     * @param name the task name
     * @param lastRun the newest {@link Action#RUN} entry of its history, or {@code null}
     * @param successes runs that succeeded, counted since its counts were last written within their time to
     *     live ({@link TaskGuard.Builder#history})
     * @param failures runs that failed, counted the same way
     * @param skips skipped calls by reason ({@code already_completed}, {@code lock_held}), counted the same way
     * @param running the locks held now, keyed runs' included (each with its key), oldest date first, then by key
     *     (the unkeyed lock first)
     * @param completedDates the dates with a success key now, newest first, each once: for a keyed task, a date
     *     any of its keys completed
     */
    public record Task(String name, Run lastRun, long successes, long failures, Map<String, Long> skips,
                       List<Lock> running, List<String> completedDates) {
    }

    /** What {@link #release} did. */
    public enum Released {
        /** The lock was deleted, and the release recorded. */
        RELEASED,
        /** No lock was held for that task, key and date: nothing was written. */
        NOT_HELD,
        /**
         * Refused without {@code force}: the holder set or renewed the lock within the last half of its
         * lock timeout (a live run renews every third of it), or its worker records no history so its age is
         * unknown. Nothing was written.
         */
        LIVE
    }

    private final RedisOperator redis;
    private final String who;

    TaskOperator(RedisOperator redis) {
        this(redis, System.getProperty("user.name", "unknown") + '@' + LocalHost.name());
    }

    private TaskOperator(RedisOperator redis, String who) {
        this.redis = redis;
        this.who = who;
    }

    /**
     * The same operator, recording {@code who} as the author of its writes (default: {@code user@host},
     * the JVM's {@code user.name} and host name).
     *
     * @param who the name recorded, e.g. {@code alice}
     * @return a new operator recording its writes as by {@code who}
     * @throws IllegalArgumentException if {@code who} is null, blank, longer than 200 characters or holds
     *     control characters
     */
    public TaskOperator as(String who) {
        return new TaskOperator(redis, Inputs.label("TaskOperator.as", who));
    }

    /**
     * Who this operator's writes are recorded as by ({@link #as}).
     *
     * @return the name writes are recorded as by
     */
    public String who() {
        return who;
    }

    /**
     * Every task that has a key under the guard's prefix (history, counts, lock or success key), by name.
     *
     * @return every task its keys name
     * @throws IllegalStateException if Redis does not answer or refuses (the message says which, and the fix)
     */
    public List<Task> tasks() {
        return redis.tasks();
    }

    /**
     * {@code task}'s history, newest first.
     *
     * @param task the task's name
     * @param date only entries for this date ({@code YYYYMMDD}), or {@code null} for all
     * @param status only runs with this status, or {@code null} for every entry (operators' writes included)
     * @param limit at most this many, 1 or more
     * @return the entries, newest first
     * @throws IllegalArgumentException for a task name or date of the wrong form, a limit under 1, or a
     *     status other than {@code SUCCESS} and {@code FAILED}; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public List<Run> runs(String task, String date, TaskStatus status, int limit) {
        return runs(task, null, date, status, limit);
    }

    /**
     * {@code task}'s history for one key, newest first: {@link #runs(String, String, TaskStatus, int)} keeping only
     * the entries of {@code key}'s runs and of the operators' writes on its lock or success key.
     *
     * @param task the task's name
     * @param key only entries of this key ({@code @TaskKey}), or {@code null} for every entry, keyed or not
     * @param date only entries for this date ({@code YYYYMMDD}), or {@code null} for all
     * @param status only runs with this status, or {@code null} for every entry (operators' writes included)
     * @param limit at most this many, 1 or more
     * @return the entries, newest first
     * @throws IllegalArgumentException for a task name, key or date of the wrong form, a limit under 1, or a
     *     status other than {@code SUCCESS} and {@code FAILED}; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public List<Run> runs(String task, String key, String date, TaskStatus status, int limit) {
        checkTask(task);
        if (key != null) {
            Inputs.taskKey(task, key);
        }
        if (date != null) {
            Inputs.checkDate("Task '" + task + "'", date, "pass null for every date");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("Task '" + task + "': limit " + limit + " must be 1 or more, e.g. 20.");
        }
        if (status != null && status != TaskStatus.SUCCESS && status != TaskStatus.FAILED) {
            throw new IllegalArgumentException("Task '" + task + "': status " + status + " is never recorded in the "
                    + "history; filter by SUCCESS or FAILED, or pass null for every entry.");
        }
        return redis.runs(task, key, date, status, limit);
    }

    /**
     * The locks held now, by task, date and key (the unkeyed lock first): the per-date locks ({@code Plock:T:D},
     * a keyed run's {@code Plock:T#K:D}); a recurring task's task-level lock belongs to the same run and is not
     * listed apart.
     *
     * @return every lock held now
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public List<Lock> locks() {
        return redis.locks();
    }

    /**
     * {@code task}'s lock for {@code date} if one is held now, as {@link #locks()} shows it, without a scan: what
     * {@link #release} would release.
     *
     * @param task the task's name
     * @param date the lock's date, {@code YYYYMMDD}
     * @return the lock, or {@code null} if none is held
     * @throws IllegalArgumentException for a task name or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public Lock lock(String task, String date) {
        return lock(task, null, date);
    }

    /**
     * {@code task}'s lock for {@code key} and {@code date}: {@link #lock(String, String)} for a keyed run.
     *
     * @param task the task's name
     * @param date the lock's date, {@code YYYYMMDD}
     * @param key the run's key ({@code @TaskKey}), or {@code null} for the unkeyed lock
     * @return the lock, or {@code null} if none is held
     * @throws IllegalArgumentException for a task name, key or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public Lock lock(String task, String key, String date) {
        checkTaskKeyAndDate(task, key, date);
        return redis.lock(task, key, date);
    }

    /**
     * Deletes {@code task}'s lock for {@code date} (and a recurring task's task-level lock held by the same
     * run), and records it. A run still running keeps going; it finds its lock lost when it renews or ends.
     *
     * @param task the task's name
     * @param date the lock's date, {@code YYYYMMDD}
     * @param force release even a lock whose holder looks alive ({@link Released#LIVE})
     * @return what was done
     * @throws IllegalArgumentException for a task name or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public Released release(String task, String date, boolean force) {
        return release(task, null, date, force);
    }

    /**
     * {@link #release(String, String, boolean)} for {@code key}'s lock: deletes {@code task}'s lock for {@code key}
     * and {@code date} (and a recurring task's task-level lock for {@code key} held by the same run), and records
     * it with the key. Other keys' locks are untouched.
     *
     * @param task the task's name
     * @param date the lock's date, {@code YYYYMMDD}
     * @param key the run's key ({@code @TaskKey}), or {@code null} for the unkeyed lock
     * @param force release even a lock whose holder looks alive ({@link Released#LIVE})
     * @return what was done
     * @throws IllegalArgumentException for a task name, key or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public Released release(String task, String key, String date, boolean force) {
        checkTaskKeyAndDate(task, key, date);
        return redis.release(task, key, date, force, who);
    }

    /**
     * Deletes {@code task}'s success key for {@code date}, so the next call runs it again, and records it.
     *
     * @param task the task's name
     * @param date the completed date, {@code YYYYMMDD}
     * @return whether there was one; nothing is recorded if there was none
     * @throws IllegalArgumentException for a task name or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public boolean forget(String task, String date) {
        return forget(task, null, date);
    }

    /**
     * {@link #forget(String, String)} for {@code key}: deletes {@code task}'s success key for {@code key} and
     * {@code date}, so the next call with that key runs it again, and records it with the key.
     *
     * @param task the task's name
     * @param date the completed date, {@code YYYYMMDD}
     * @param key the run's key ({@code @TaskKey}), or {@code null} for the unkeyed success key
     * @return whether there was one; nothing is recorded if there was none
     * @throws IllegalArgumentException for a task name, key or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public boolean forget(String task, String key, String date) {
        checkTaskKeyAndDate(task, key, date);
        return redis.forget(task, key, date, who);
    }

    /**
     * Sets {@code task}'s success key for {@code date} for the guard's success TTL, so calls for it skip
     * with {@code already_completed}, and records it.
     *
     * @param task the task's name
     * @param date the date to mark completed, {@code YYYYMMDD}
     * @throws IllegalArgumentException for a task name or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public void complete(String task, String date) {
        complete(task, null, date);
    }

    /**
     * {@link #complete(String, String)} for {@code key}: sets {@code task}'s success key for {@code key} and
     * {@code date} for the guard's success TTL, so calls with that key skip with {@code already_completed}, and
     * records it with the key.
     *
     * @param task the task's name
     * @param date the date to mark completed, {@code YYYYMMDD}
     * @param key the run's key ({@code @TaskKey}), or {@code null} for the unkeyed success key
     * @throws IllegalArgumentException for a task name, key or date of the wrong form; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public void complete(String task, String key, String date) {
        checkTaskKeyAndDate(task, key, date);
        redis.complete(task, key, date, who);
    }

    /**
     * {@link #complete(String, String)} with the success key living {@code successTtl} rather than the guard's
     * success TTL: e.g. the task's own {@code successTtl}, or long enough for a date ahead to be skipped when it
     * comes (a success key lives from now, whatever its date).
     *
     * @param task the task's name
     * @param date the date to mark completed, {@code YYYYMMDD}
     * @param successTtl from 1 ms to 3650 days
     * @throws IllegalArgumentException for a task name or date of the wrong form, or a null, under 1 ms or over
     *     3650 days time to live; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public void complete(String task, String date, Duration successTtl) {
        complete(task, null, date, successTtl);
    }

    /**
     * {@link #complete(String, String, String)} with the success key living {@code successTtl} rather than the
     * guard's success TTL.
     *
     * @param task the task's name
     * @param date the date to mark completed, {@code YYYYMMDD}
     * @param key the run's key ({@code @TaskKey}), or {@code null} for the unkeyed success key
     * @param successTtl from 1 ms to 3650 days
     * @throws IllegalArgumentException for a task name, key or date of the wrong form, or a null, under 1 ms or
     *     over 3650 days time to live; Redis is not touched
     * @throws IllegalStateException if Redis does not answer or refuses
     */
    public void complete(String task, String key, String date, Duration successTtl) {
        checkTaskKeyAndDate(task, key, date);
        redis.complete(task, key, date, who, Inputs.duration(task, "successTtl", successTtl).toMillis());
    }

    private static void checkTask(String task) {
        Inputs.taskName(task);
    }

    private static void checkTaskKeyAndDate(String task, String key, String date) {
        checkTask(task);
        if (key != null) {
            Inputs.taskKey(task, key);
        }
        Inputs.checkDate("Task '" + task + "'", date, "name the day of the lock or completion");
    }
}
