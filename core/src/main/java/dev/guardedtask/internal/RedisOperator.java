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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
     * What operators' writes do to a task's history: {@code XADD ... MAXLEN ~ maxRuns} (0: no entry) and a
     * time to live reset on each write.
     */
    public record History(int maxRuns, long timeToLiveMillis) {
    }

    /** Entries read per {@code XREVRANGE} when a filter skips some. */
    private static final int PAGE = 100;
    /** Entries read per task by {@link #tasks()} to find its last run; more are read only if none is a run. */
    private static final int HEAD = 10;

    private final RedissonClient redisson;
    private final TaskKeys keys;
    private final Clock clock;
    private final long successMillis;
    private final History history;

    public RedisOperator(RedissonClient redisson, TaskKeys keys, Clock clock, long successMillis, History history) {
        this.redisson = redisson;
        this.keys = keys;
        this.clock = clock;
        this.successMillis = successMillis;
        this.history = history;
    }

    public List<Task> tasks() {
        return redis("list the tasks", () -> {
            Map<String, ScannedTask> scanned = scan();
            RBatch batch = redisson.createBatch();
            Map<String, RFuture<Map<StreamMessageId, Map<String, String>>>> heads = new TreeMap<>();
            Map<String, RFuture<Map<String, String>>> stats = new TreeMap<>();
            Map<String, List<LockReads>> locks = new TreeMap<>();
            scanned.forEach((name, task) -> {
                heads.put(name, batch.<String, String>getStream(task.keys().history(name), StringCodec.INSTANCE)
                        .rangeReversedAsync(HEAD, StreamMessageId.MAX, StreamMessageId.MIN));
                stats.put(name, batch.<String, String>getMap(task.keys().stats(name), StringCodec.INSTANCE).readAllMapAsync());
                locks.put(name, task.locks().stream().map(lock -> LockReads.of(batch, lock, keys)).toList());
            });
            batch.execute();
            List<Task> tasks = new ArrayList<>();
            scanned.forEach((name, task) -> tasks.add(task(task, heads.get(name).toCompletableFuture().join(),
                    stats.get(name).toCompletableFuture().join(), held(locks.get(name)))));
            return tasks;
        });
    }

    private Task task(ScannedTask scanned, Map<StreamMessageId, Map<String, String>> head, Map<String, String> stats,
                      List<Lock> running) {
        String name = scanned.name();
        Run lastRun = entries(name, head).stream().filter(RedisOperator::isRun).findFirst().orElse(null);
        if (lastRun == null && head.size() == HEAD) {
            lastRun = read(scanned.keys().history(name), name, RedisOperator::isRun, 1).stream().findFirst().orElse(null);
        }
        Map<String, Long> skips = new TreeMap<>();
        stats.forEach((reason, count) -> {
            if (!reason.equals("success") && !reason.equals("failed")) {
                skips.put(reason, count(count));
            }
        });
        return new Task(name, lastRun, count(stats.get("success")), count(stats.get("failed")), skips, running,
                List.copyOf(scanned.completedDates()));
    }

    public List<Run> runs(String task, String date, TaskStatus status, int limit) {
        Predicate<Run> wanted = run -> (date == null || date.equals(run.date()))
                && (status == null || run.status() == status);
        return redis("read the history of task '" + task + "'", () -> read(keys.history(task), task, wanted, limit));
    }

    public List<Lock> locks() {
        return redis("list the locks", () -> {
            RBatch batch = redisson.createBatch();
            List<LockReads> reads = new ArrayList<>();
            scan().values().forEach(task -> task.locks().forEach(lock -> reads.add(LockReads.of(batch, lock, keys))));
            batch.execute();
            return held(reads);
        });
    }

    /** The lock of {@code task} for {@code date}, or {@code null}: this guard's scheme's key, no scan. */
    public Lock lock(String task, String date) {
        return redis("read " + keys.lock(task, date), () -> {
            RBatch batch = redisson.createBatch();
            LockReads reads = LockReads.of(batch, keys.parse(keys.lock(task, date)), keys);
            batch.execute();
            return reads.lock();
        });
    }

    public Released release(String task, String date, boolean force, String who) {
        String lock = keys.lock(task, date);
        String reply = redis("release " + lock, () -> redisson.getScript(StringCodec.INSTANCE).eval(lock,
                Mode.READ_WRITE, OperatorScript.RELEASE.source(), ReturnType.VALUE,
                List.<Object>of(lock, keys.taskLock(task), keys.run(task, date), keys.history(task)),
                args(who, date, force ? "1" : "0")));
        return Released.valueOf(reply);
    }

    public boolean forget(String task, String date, String who) {
        String success = keys.success(task, date);
        Long had = redis("delete " + success, () -> redisson.getScript(StringCodec.INSTANCE).eval(success,
                Mode.READ_WRITE, OperatorScript.FORGET.source(), ReturnType.LONG,
                List.<Object>of(success, keys.history(task)), args(who, date, null)));
        return had == 1;
    }

    public void complete(String task, String date, String who) {
        String success = keys.success(task, date);
        redis("set " + success, () -> redisson.getScript(StringCodec.INSTANCE).eval(success, Mode.READ_WRITE,
                OperatorScript.COMPLETE.source(), ReturnType.LONG, List.<Object>of(success, keys.history(task)),
                args(who, date, Long.toString(successMillis))));
    }

    private Object[] args(String who, String date, String last) {
        List<Object> args = new ArrayList<>(List.of(who, Long.toString(clock.millis()), date,
                Integer.toString(history.maxRuns()), Long.toString(history.timeToLiveMillis())));
        if (last != null) {
            args.add(last);
        }
        return args.toArray();
    }

    private Map<String, ScannedTask> scan() {
        return ScannedTask.group(redisson.getKeys().getKeys(KeysScanOptions.defaults().pattern(keys.scanPattern())
                .chunkSize(1_000)), keys);
    }

    /** Up to {@code limit} entries of {@code key} that {@code wanted} keeps, newest first, a page at a time. */
    private List<Run> read(String key, String task, Predicate<Run> wanted, int limit) {
        List<Run> found = new ArrayList<>();
        StreamMessageId from = StreamMessageId.MAX;
        while (found.size() < limit) {
            boolean first = from == StreamMessageId.MAX;
            Map<StreamMessageId, Map<String, String>> page = redisson.<String, String>getStream(key, StringCodec.INSTANCE)
                    .rangeReversed(first ? PAGE : PAGE + 1, from, StreamMessageId.MIN);
            List<StreamMessageId> ids = new ArrayList<>(page.keySet());
            for (StreamMessageId id : ids) {
                Run run = id.equals(from) ? null : HistoryEntry.read(task, id.toString(), page.get(id));
                if (run != null && wanted.test(run) && found.size() < limit) {
                    found.add(run);
                }
            }
            if (page.size() < (first ? PAGE : PAGE + 1)) {
                break;
            }
            from = ids.get(ids.size() - 1);
        }
        return found;
    }

    private static List<Run> entries(String task, Map<StreamMessageId, Map<String, String>> page) {
        List<Run> runs = new ArrayList<>();
        page.forEach((id, fields) -> {
            Run run = HistoryEntry.read(task, id.toString(), fields);
            if (run != null) {
                runs.add(run);
            }
        });
        return runs;
    }

    private static boolean isRun(Run run) {
        return run.action() == Action.RUN;
    }

    private static List<Lock> held(List<LockReads> reads) {
        return reads.stream().map(LockReads::lock).filter(lock -> lock != null)
                .sorted(Comparator.comparing(Lock::task).thenComparing(Lock::date)).toList();
    }

    private static long count(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What one lock's {@code GET}, {@code PTTL} and run info {@code HGETALL} answer, in a batch. */
    private record LockReads(TaskKeys.Parsed key, RFuture<String> holder, RFuture<Long> timeLeft,
                             RFuture<Map<String, String>> run) {

        static LockReads of(RBatch batch, TaskKeys.Parsed lock, TaskKeys keys) {
            String run = keys.withForm(lock.tagged()).run(lock.task(), lock.date());
            return new LockReads(lock, batch.<String>getBucket(lock.key(), StringCodec.INSTANCE).getAsync(),
                    batch.getBucket(lock.key(), StringCodec.INSTANCE).remainTimeToLiveAsync(),
                    batch.<String, String>getMap(run, StringCodec.INSTANCE).readAllMapAsync());
        }

        /** The lock, or {@code null} if it was gone by the time of the batch. */
        Lock lock() {
            String taskId = holder.toCompletableFuture().join();
            long left = timeLeft.toCompletableFuture().join();
            if (taskId == null) {
                return null;
            }
            Map<String, String> info = run.toCompletableFuture().join();
            Duration remaining = left < 0 ? null : Duration.ofMillis(left);
            if (!taskId.equals(info.get("task_id"))) {
                return new Lock(key.task(), key.date(), taskId, null, null, null, remaining, null, 0);
            }
            long lockMillis = count(info.get("lock_ms"));
            String started = info.get("started");
            return new Lock(key.task(), key.date(), taskId, info.get("worker"),
                    started == null ? null : Instant.ofEpochMilli(count(started)),
                    lockMillis > 0 && left >= 0 ? Duration.ofMillis(lockMillis - left) : null, remaining,
                    lockMillis > 0 ? Duration.ofMillis(lockMillis) : null, count(info.get("fencing_token")));
        }
    }

    /** Runs {@code call}, a Redis failure thrown as an {@link IllegalStateException} naming what failed and the fix. */
    private static <T> T redis(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisException e) {
            RedisFailure failure = RedisFailure.of(e);
            String fix = failure.fix("the guard's Redis settings");
            throw new IllegalStateException("TaskOperator could not " + what + ": " + RedisFailure.sentence(
                    failure.what()) + " " + Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".", e);
        }
    }
}
