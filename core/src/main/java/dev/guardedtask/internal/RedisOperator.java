package dev.guardedtask.internal;

import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Released;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;
import dev.guardedtask.TaskStatus;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The operator API on Redis ({@link dev.guardedtask.TaskOperator}): reads with {@code SCAN} (every master of
 * a cluster, through Redisson) and batches of single-key commands (Redisson sends each to its key's master, so
 * keys in several slots are fine), writes with one script each ({@link OperatorScript}). Thread-safe: holds
 * only immutable settings and the client.
 */
public final class RedisOperator {

    /**
     * What operators' writes do to a task's history: an entry unless {@code maxRuns} is 0, and the time to
     * live of a history the entry creates (an existing one keeps its own: {@link OperatorScript}).
     */
    public record History(int maxRuns, long timeToLiveMillis) {
    }

    /** Entries read per task by {@link #tasks()} to find its last run; more are read only if none is a run. */
    private static final int HEAD = 10;

    private final RedissonClient redisson;
    private final TaskKeys keys;
    private final Clock clock;
    private final long successMillis;
    private final History kept;
    private final HistoryReader history;

    public RedisOperator(RedissonClient redisson, TaskKeys keys, Clock clock, long successMillis, History history) {
        this.redisson = redisson;
        this.keys = keys;
        this.clock = clock;
        this.successMillis = successMillis;
        this.kept = history;
        this.history = new HistoryReader(redisson);
    }

    public List<Task> tasks() {
        return redis("list the tasks", () -> {
            RBatch batch = redisson.createBatch();
            List<TaskReads> reads = scan().values().stream().map(task -> TaskReads.of(batch, task, keys)).toList();
            execute(batch);
            return reads.stream().map(this::task).toList();
        });
    }

    private Task task(TaskReads reads) {
        ScannedTask scanned = reads.task();
        String name = scanned.name();
        Map<StreamMessageId, Map<String, String>> head = ours(reads.head(), Map.of());
        Run lastRun = HistoryReader.entries(name, head).stream().filter(RedisOperator::isRun).findFirst().orElse(null);
        if (lastRun == null && head.size() == HEAD) {
            lastRun = history.read(scanned.keys().history(name), name, RedisOperator::isRun, 1).stream()
                    .findFirst().orElse(null);
        }
        Map<String, String> stats = ours(reads.stats(), Map.of());
        Map<String, Long> skips = new TreeMap<>();
        stats.forEach((reason, count) -> {
            if (!reason.equals("success") && !reason.equals("failed")) {
                skips.put(reason, HistoryEntry.number(count));
            }
        });
        return new Task(name, lastRun, HistoryEntry.number(stats.get("success")), HistoryEntry.number(stats.get("failed")),
                skips, held(reads.locks()), List.copyOf(scanned.completedDates()));
    }

    /** What {@link #tasks()} asks of one task in its batch: its history's head, its counts, its locks. */
    private record TaskReads(ScannedTask task, RFuture<Map<StreamMessageId, Map<String, String>>> head,
                             RFuture<Map<String, String>> stats, List<LockReads> locks) {

        static TaskReads of(RBatch batch, ScannedTask task, TaskKeys keys) {
            String name = task.name();
            return new TaskReads(task, batch.<String, String>getStream(task.keys().history(name), StringCodec.INSTANCE)
                    .rangeReversedAsync(HEAD, StreamMessageId.MAX, StreamMessageId.MIN),
                    batch.<String, String>getMap(task.keys().stats(name), StringCodec.INSTANCE).readAllMapAsync(),
                    task.locks().stream().map(lock -> LockReads.of(batch, lock, keys)).toList());
        }
    }

    /** {@code key} {@code null}: every entry, keyed or not; else only that key's. */
    public List<Run> runs(String task, String key, String date, TaskStatus status, int limit) {
        Predicate<Run> wanted = run -> (key == null || key.equals(run.key()))
                && (date == null || date.equals(run.date())) && (status == null || run.status() == status);
        return redis("read the history of task '" + task + "'", () -> history.read(keys.history(task), task, wanted, limit));
    }

    public List<Lock> locks() {
        return redis("list the locks", () -> {
            RBatch batch = redisson.createBatch();
            List<LockReads> reads = new ArrayList<>();
            scan().values().forEach(task -> task.locks().forEach(lock -> reads.add(LockReads.of(batch, lock, keys))));
            execute(batch);
            return held(reads);
        });
    }

    /**
     * The lock of {@code task} for {@code key} ({@code null}: unkeyed) and {@code date}, or {@code null}: this
     * guard's scheme's key, no scan.
     */
    public Lock lock(String task, String key, String date) {
        String lock = keys.lock(task, key, date);
        return redis("read " + lock, () -> {
            RBatch batch = redisson.createBatch();
            LockReads reads = LockReads.of(batch, keys.parse(lock), keys);
            execute(batch);
            return reads.lock();
        });
    }

    public Released release(String task, String key, String date, boolean force, String who) {
        String lock = keys.lock(task, key, date);
        String reply = redis("release " + lock, () -> redisson.getScript(StringCodec.INSTANCE).eval(lock,
                Mode.READ_WRITE, OperatorScript.RELEASE.source(), ReturnType.VALUE,
                List.<Object>of(lock, keys.taskLock(task, key), keys.run(task, key, date), keys.history(task)),
                args(who, key, date, force ? "1" : "0")));
        return Released.valueOf(reply);
    }

    public boolean forget(String task, String key, String date, String who) {
        String success = keys.success(task, key, date);
        Long had = redis("delete " + success, () -> redisson.getScript(StringCodec.INSTANCE).eval(success,
                Mode.READ_WRITE, OperatorScript.FORGET.source(), ReturnType.LONG,
                List.<Object>of(success, keys.history(task)), args(who, key, date, null)));
        return had == 1;
    }

    public void complete(String task, String key, String date, String who) {
        complete(task, key, date, who, successMillis);
    }

    /** {@link #complete(String, String, String, String)} for {@code successMillis}, not the guard's success TTL. */
    public void complete(String task, String key, String date, String who, long successMillis) {
        String success = keys.success(task, key, date);
        redis("set " + success, () -> redisson.getScript(StringCodec.INSTANCE).eval(success, Mode.READ_WRITE,
                OperatorScript.COMPLETE.source(), ReturnType.LONG, List.<Object>of(success, keys.history(task)),
                args(who, key, date, Long.toString(successMillis))));
    }

    private Object[] args(String who, String key, String date, String last) {
        List<Object> args = new ArrayList<>(List.of(who, Long.toString(clock.millis()), date,
                Integer.toString(kept.maxRuns()), Long.toString(kept.timeToLiveMillis()), key == null ? "" : key));
        if (last != null) {
            args.add(last);
        }
        return args.toArray();
    }

    private Map<String, ScannedTask> scan() {
        return ScannedTask.group(redisson.getKeys().getKeys(KeysScanOptions.defaults().pattern(keys.scanPattern())
                .chunkSize(1_000)), keys);
    }

    private static boolean isRun(Run run) {
        return run.action() == Action.RUN;
    }

    private static List<Lock> held(List<LockReads> reads) {
        return reads.stream().map(LockReads::lock).filter(lock -> lock != null)
                .sorted(Comparator.comparing(Lock::task).thenComparing(Lock::date)
                        .thenComparing(Lock::key, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    /**
     * Sends the scan's reads. A key the scan matched may be another application's, of another type (with no key
     * prefix, {@code history:x} or {@code lock:x:20261130} can be anyone's): its read fails with
     * {@code WRONGTYPE}, and {@link #ours} reads it as absent; any other failure is thrown.
     */
    private static void execute(RBatch batch) {
        try {
            batch.execute();
        } catch (RedisException e) {
            if (RedisFailure.of(e).kind() != RedisFailure.Kind.WRONG_TYPE) {
                throw e;
            }
        }
    }

    /** {@code read}'s answer, or {@code absent} if the key holds another type: another application's key. */
    static <T> T ours(RFuture<T> read, T absent) {
        try {
            return read.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RedisException redis && RedisFailure.of(redis).kind() == RedisFailure.Kind.WRONG_TYPE) {
                return absent;
            }
            throw e.getCause() instanceof RedisException redis ? redis : e;
        }
    }

    /** Runs {@code call}, a Redis failure thrown as an {@link IllegalStateException} naming what failed and the fix. */
    private static <T> T redis(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisException e) {
            RedisFailure failure = RedisFailure.of(e);
            String fix = failure.kind() == RedisFailure.Kind.NO_PERMISSION
                    ? "grant the operator's ACL user the commands and keys listed in docs/operations.md#operator-api"
                    : failure.fix("the guard's Redis settings");
            throw new IllegalStateException("TaskOperator could not " + what + ": " + RedisFailure.sentence(
                    failure.what()) + " " + Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".", e);
        }
    }
}
