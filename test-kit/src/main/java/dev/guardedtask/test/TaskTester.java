package dev.guardedtask.test;

import dev.guardedtask.ChainReport;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a test says about its tasks: the runs they had, "this date is already completed", "another worker holds
 * this lock now", the clock, a chain run for a date. One per test, built by {@link GuardedTaskExtension} with the
 * test's fresh guard and clock; inject it as a parameter of a test or {@code @BeforeEach} method. Thread-safe.
 */
public final class TaskTester {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final TaskGuard guard;
    private final SettableClock clock;
    private final RunRecorder recorder;
    private final boolean redis;
    private final List<HeldLock> held = new CopyOnWriteArrayList<>();
    /** What {@link #markCompleted} and {@link #holdLock} were given, to check against the calls after the test. */
    private final List<KitCall> kitCalls = new CopyOnWriteArrayList<>();

    /** A {@link #markCompleted} or {@link #holdLock} call: the method, the task, the key or null, the date. */
    private record KitCall(String method, String task, String key, String date) {
    }

    TaskTester(TaskGuard guard, SettableClock clock, RunRecorder recorder, boolean redis) {
        this.guard = guard;
        this.clock = clock;
        this.recorder = recorder;
        this.redis = redis;
    }

    /**
     * This test's guard: woven methods called by the test go through it. Built fresh for each test, closed after it.
     *
     * @return this test's guard
     */
    public TaskGuard guard() {
        return guard;
    }

    /**
     * This test's clock, the guard's: move it to change "today" (and, in memory, to expire locks).
     *
     * @return this test's clock
     */
    public SettableClock clock() {
        return clock;
    }

    /**
     * The guard's today, {@code YYYYMMDD}, in the clock's zone.
     *
     * @return today, {@code YYYYMMDD}
     */
    public String today() {
        return guard.today();
    }

    /**
     * Every call of {@code task} in this test, skipped or finished, whatever its key and date, in the order the calls
     * ended; the kit's own runs ({@link #markCompleted}, {@link #holdLock}) are not among them. An immutable
     * snapshot: later calls do not change it. An asynchronous call is there once its stage completed. A name no call
     * used (a misspelt one) gives an empty list, not an error: assert on the names your code uses, e.g. a constant.
     *
     * @param task the task's name
     * @return the calls of {@code task}, in the order they ended
     * @throws IllegalArgumentException if {@code task} is null or blank
     */
    public List<TaskResult> runs(String task) {
        return recorder.runs(task("runs", task));
    }

    /**
     * Every call of every task in this test, as {@link #runs(String)}.
     *
     * @return the calls of every task, in the order they ended
     */
    public List<TaskResult> runs() {
        return recorder.runs(null);
    }

    /**
     * Makes {@code date} already completed for daily task {@code task}: its next call for that date is skipped with
     * {@code already_completed}, for the guard's success TTL. On Redis through the operator API
     * ({@code TaskOperator.complete}); in memory through a run of the task with an empty body. Not in {@link #runs}.
     * On a recurring task it has no effect (recurring tasks have no success key). Without a key it has no effect on
     * keyed calls: if the test's calls of {@code task} all had a key, the test fails after it, saying so.
     *
     * @param task the daily task's name
     * @param date {@code YYYYMMDD}
     * @throws IllegalArgumentException for a blank task or a date that is not {@code YYYYMMDD}
     * @throws IllegalStateException if {@link #holdLock} holds this task's lock for that date, or (in memory)
     *     another run holds it
     */
    public void markCompleted(String task, String date) {
        markCompleted(task, null, date);
    }

    /**
     * {@link #markCompleted(String, String)} for the runs of {@code task} with key {@code key}
     * ({@code TaskOptions.withKey}, {@code @TaskKey}).
     *
     * @param task the daily task's name
     * @param key the key, as {@code TaskOptions.withKey} takes it
     * @param date {@code YYYYMMDD}
     * @throws IllegalArgumentException for a blank task or key, or a date that is not {@code YYYYMMDD}
     * @throws IllegalStateException if {@link #holdLock} holds this lock, or (in memory) another run holds it
     */
    public void markCompleted(String task, String key, String date) {
        TaskOptions options = options("markCompleted", TaskOptions.daily(task("markCompleted", task)), key);
        String day = date("markCompleted", task, date);
        kitCalls.add(new KitCall("markCompleted", task, key, day));
        for (HeldLock lock : held) {
            if (lock.isHeld() && lock.sameLock(task, key, day)) {
                throw new IllegalStateException("TaskTester.markCompleted: " + lock + " is held by this test; "
                        + "release it (close()) before marking " + day + " completed.");
            }
        }
        if (redis) {
            if (key == null) {
                guard.operator().complete(task, day);
            } else {
                guard.operator().complete(task, key, day);
            }
            return;
        }
        TaskResult result = RunRecorder.unrecorded(() -> guard.run(options, day, ignored -> { }));
        if (result.status() == TaskStatus.SKIPPED && TaskResult.LOCK_HELD.equals(result.reason())) {
            throw new IllegalStateException("TaskTester.markCompleted: task '" + task + "'" + keyText(key)
                    + " for " + day + " is running now (its lock is held); mark it completed before it starts.");
        }
    }

    /**
     * "Another worker holds this lock now": returns once a recurring run of {@code task} for {@code date} holds its
     * locks (the per-date lock {@code lock:T:D} and the task lock {@code lock:T}, docs/protocol.md "Keys"), on a
     * thread of the kit. Until {@link HeldLock#release()}, a daily call of {@code task} for {@code date} and any
     * recurring call of {@code task} are skipped with {@code lock_held}; a daily call for another date runs. The
     * holding run marks nothing completed and is not in {@link #runs}. Released after the test at the latest, and
     * after 10 minutes in any case. In memory, locks expire on the test's clock: advancing it past the lock timeout
     * frees the lock as a crashed worker's would be; on Redis they expire in Redis's own time, and the holding run
     * renews them. Without a key it has no effect on keyed calls, with one none on unkeyed calls: if the test's
     * calls of {@code task} all had a key (or none had), the test fails after it, saying so.
     *
     * @param task the task's name
     * @param date {@code YYYYMMDD}
     * @return the held lock, to release
     * @throws IllegalArgumentException for a blank task or a date that is not {@code YYYYMMDD}
     * @throws IllegalStateException if the lock is held by another run already, or was not taken within 30 s
     */
    public HeldLock holdLock(String task, String date) {
        return holdLock(task, null, date);
    }

    /**
     * {@link #holdLock(String, String)} for the runs of {@code task} with key {@code key}: the calls of the task
     * with that key are skipped, those with other keys run.
     *
     * @param task the task's name
     * @param key the key, as {@code TaskOptions.withKey} takes it
     * @param date {@code YYYYMMDD}
     * @return the held lock, to release
     * @throws IllegalArgumentException for a blank task or key, or a date that is not {@code YYYYMMDD}
     * @throws IllegalStateException if the lock is held by another run already, or was not taken within 30 s
     */
    public HeldLock holdLock(String task, String key, String date) {
        TaskOptions options = options("holdLock", TaskOptions.recurring(task("holdLock", task)), key);
        String day = date("holdLock", task, date);
        kitCalls.add(new KitCall("holdLock", task, key, day));
        HeldLock lock = HeldLock.take(guard, options, day);
        held.add(lock);
        return lock;
    }

    /**
     * Runs {@code chain} for {@code date}, with this test's guard lent to the calling thread (and so to the chain's
     * steps, on an executor too).
     *
     * @param chain the chain to run
     * @param date the date to run it for
     * @return the chain's report
     * @throws NullPointerException if {@code chain} or {@code date} is null
     */
    public ChainReport runChain(TaskChain chain, LocalDate date) {
        Objects.requireNonNull(date, "TaskTester.runChain: date is null; give e.g. LocalDate.of(2026, 1, 5), "
                + "or today: LocalDate.now(tester.clock())");
        return runChain(chain, date.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    /**
     * {@link #runChain(TaskChain, LocalDate)} for {@code date} as {@code YYYYMMDD}; {@code null} is the guard's
     * today ({@link #today()}), as for {@link TaskChain#run(String)}.
     *
     * @param chain the chain to run
     * @param date {@code YYYYMMDD}, or {@code null} for today
     * @return the chain's report
     * @throws IllegalArgumentException if {@code date} is neither null nor {@code YYYYMMDD}
     * @throws NullPointerException if {@code chain} is null
     */
    public ChainReport runChain(TaskChain chain, String date) {
        Objects.requireNonNull(chain, "TaskTester.runChain: chain is null; give the TaskChain to run");
        String day = date == null ? guard.today() : date("runChain", null, date);
        AtomicReference<ChainReport> report = new AtomicReference<>();
        GuardedTasks.runWith(guard, () -> report.set(chain.run(day)));
        return report.get();
    }

    /** Releases every lock {@link #holdLock} still holds: after each test, whatever its outcome. */
    void releaseHeldLocks() {
        List<RuntimeException> failures = new ArrayList<>();
        for (HeldLock lock : held) {
            try {
                lock.release();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        held.clear();
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * The {@link #markCompleted} and {@link #holdLock} calls that visibly had no effect: the test's calls of that task
     * all had a key while the kit's call had none, or none had a key while the kit's call had one. One message each,
     * naming the task, what the kit was given, the calls' keys and the fix; empty if none.
     */
    List<String> keyMismatches() {
        List<String> mismatches = new ArrayList<>();
        for (KitCall call : kitCalls) {
            List<TaskResult> calls = recorder.runs(call.task());
            if (calls.isEmpty()) {
                continue;
            }
            List<String> keys = calls.stream().map(TaskResult::key).distinct().toList();
            boolean allKeyed = !keys.contains(null);
            boolean noneKeyed = keys.size() == 1 && keys.get(0) == null;
            String given = "TaskTester." + call.method() + "(\"" + call.task() + "\", "
                    + (call.key() == null ? "" : "\"" + call.key() + "\", ") + "\"" + call.date() + "\")";
            if (call.key() == null && allKeyed) {
                mismatches.add(given + " was given no key, but the test's " + calls.size() + " call(s) of task '"
                        + call.task() + "' all had a key (" + keys + "), so it had no effect on them; pass the key: "
                        + "TaskTester." + call.method() + "(\"" + call.task() + "\", \"" + keys.get(0) + "\", \""
                        + call.date() + "\").");
            } else if (call.key() != null && noneKeyed) {
                mismatches.add(given + " was given key '" + call.key() + "', but the test's " + calls.size()
                        + " call(s) of task '" + call.task() + "' had no key, so it had no effect on them; drop the "
                        + "key: TaskTester." + call.method() + "(\"" + call.task() + "\", \"" + call.date() + "\").");
            }
        }
        return mismatches;
    }

    private static String task(String method, String task) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("TaskTester." + method + ": the task name is "
                    + (task == null ? "null" : "blank ('" + task + "')") + "; give the name of a @GuardedTask, "
                    + "e.g. \"task_daily_report\".");
        }
        return task;
    }

    private static TaskOptions options(String method, TaskOptions options, String key) {
        if (key == null) {
            return options;
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException("TaskTester." + method + ": task '" + options.name() + "': the key is "
                    + "blank ('" + key + "'); give the key of the runs (as TaskOptions.withKey), or call the "
                    + "overload without a key.");
        }
        return options.withKey(key);
    }

    private static String date(String method, String task, String date) {
        try {
            if (date != null && date.length() == 8) {
                LocalDate.parse(date, YYYYMMDD);
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("TaskTester." + method + ": " + (task == null ? "" : "task '" + task + "': ")
                + "date '" + date
                + "' is not YYYYMMDD (example: 20260105).");
    }

    private static String keyText(String key) {
        return key == null ? "" : " key '" + key + "'";
    }

    @Override
    public String toString() {
        return "TaskTester[" + clock + (redis ? ", Redis" : ", memory") + "]";
    }
}
