package dev.guardedtask.bench;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.redisson.api.RBucket;
import org.redisson.api.RLock;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The rows of the throughput table, each a no-op guarded (or locked) its own way. */
final class Contenders {

    /** Every row's id, in the table's order. */
    static final List<String> IDS = List.of("a", "b", "b-rec", "b-nohist", "b-async", "b-key", "b'", "b'-rec", "c", "d", "e");
    /** The rows that run {@code TaskGuard} directly: the server-side breakdown is shown for these. */
    static final List<String> GUARDED = List.of("b", "b-rec", "b-nohist", "b-async", "b-key");
    /** How many distinct keys (b-key) cycles through, as a job keyed by a customer id would. */
    static final int KEYS = 1_000;

    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(300);
    static final Duration SUCCESS_TTL = Duration.ofSeconds(86_400);

    private static final AtomicInteger WORKERS = new AtomicInteger();
    /**
     * The calling thread's own name for the recurring rows: a recurring task runs one date at a time (its
     * task-level lock), so threads sharing one task would mostly skip with {@code lock_held}, one round trip
     * and no body, and the row would not measure a run.
     */
    private static final ThreadLocal<String> WORKER = ThreadLocal.withInitial(() -> "w" + WORKERS.getAndIncrement());

    private final Clients clients;
    private final WovenTasks woven = new WovenTasks();

    Contenders(Clients clients) {
        this.clients = clients;
    }

    /** The rows {@code options} asks for ({@code --only}), in the table's order. */
    List<Contender> chosen(BenchOptions options) {
        return all().stream().filter(c -> options.runs(c.id())).toList();
    }

    List<Contender> all() {
        return List.of(
                new Contender("a", "raw GET, Redisson", "bench_a", this::rawGet),
                new Contender("b", "TaskGuard.run daily", "bench_b_daily", guarded(false, null)),
                new Contender("b-rec", "TaskGuard.run recurring, a task per thread", "bench_b_recurring", guarded(true, null)),
                new Contender("b-nohist", "TaskGuard.run daily, history off", "bench_b_nohist",
                        guarded(clients.guardWithoutHistory, false, null)),
                new Contender("b-async", "TaskGuard.runAsync daily, joined", "bench_b_async", this::guardedAsync),
                new Contender("b-key", "TaskGuard.run daily, keyed (withKey)", "bench_b_key", this::guardedKeyed),
                new Contender("b'", "woven @GuardedTask daily", WovenTasks.DAILY, (task, date) -> woven.daily(date)),
                new Contender("b'-rec", "woven @GuardedTask recurring, a key per thread", WovenTasks.RECURRING_PER_WORKER,
                        (task, date) -> woven.recurring(date, WORKER.get())),
                new Contender("c", "boilerplate 4 commands, Redisson", "bench_c", naive(null)),
                new Contender("d", "ShedLock 7.10.1 redis-spring/Lettuce", "bench_d", this::shedLock),
                new Contender("e", "Redisson RLock tryLock+unlock", "bench_e", this::redissonLock));
    }

    private void rawGet(String task, String date) {
        clients.redisson.<String>getBucket("lock:" + task + ":" + date, StringCodec.INSTANCE).get();
    }

    /** (b): a guarded no-op; {@code executions}, if given, counts the bodies that ran (contention run). */
    Operation guarded(boolean recurring, LongAdder executions) {
        return guarded(clients.guard, recurring, executions);
    }

    private static Operation guarded(TaskGuard guard, boolean recurring, LongAdder executions) {
        return (task, date) -> {
            TaskOptions options = recurring ? TaskOptions.recurring(task + "_" + WORKER.get()) : TaskOptions.daily(task);
            guard.run(options, date, result -> {
                if (executions != null) {
                    executions.increment();
                }
            });
        };
    }

    /** (b-async): the asynchronous run of a daily no-op (an already completed stage), joined by the caller. */
    private void guardedAsync(String task, String date) {
        clients.guard.runAsync(TaskOptions.daily(task), date, result -> CompletableFuture.completedFuture(null)).join();
    }

    /**
     * (b-key): a daily no-op guarded per task, key and date, the key taken from the call's argument as a job
     * keyed by a customer id would ({@code customer_0} to {@code customer_999}, from the date).
     */
    private void guardedKeyed(String task, String date) {
        String key = "customer_" + Math.floorMod(date.hashCode(), KEYS);
        clients.guard.run(TaskOptions.daily(task).withKey(key), date, result -> { });
    }

    /**
     * (c): the Python boilerplate's protocol as a straightforward port would write it, one command per
     * step (Redisson sends {@code SET ... PX ... NX} for the lock, the boilerplate {@code EX}).
     */
    Operation naive(LongAdder executions) {
        return (task, date) -> {
            RBucket<String> success = clients.redisson.getBucket("success:" + task + ":" + date, StringCodec.INSTANCE);
            if (success.isExists()) {
                return;
            }
            RBucket<String> lock = clients.redisson.getBucket("lock:" + task + ":" + date, StringCodec.INSTANCE);
            if (!lock.setIfAbsent("bench", LOCK_TIMEOUT)) {
                return;
            }
            try {
                if (executions != null) {
                    executions.increment();
                }
                success.set("completed", SUCCESS_TTL);
            } finally {
                lock.delete();
            }
        };
    }

    private void shedLock(String task, String date) {
        LockConfiguration config = new LockConfiguration(Instant.now(), task + ":" + date, LOCK_TIMEOUT, Duration.ZERO);
        Optional<SimpleLock> lock = clients.shedLock.lock(config);
        lock.ifPresent(SimpleLock::unlock);
    }

    private void redissonLock(String task, String date) throws InterruptedException {
        RLock lock = clients.redisson.getLock("lock:" + task + ":" + date);
        if (lock.tryLock(0, LOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            lock.unlock();
        }
    }
}
