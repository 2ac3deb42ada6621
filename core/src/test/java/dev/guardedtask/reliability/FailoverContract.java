package dev.guardedtask.reliability;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.reliability.FailoverLog.Body;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.topology.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.ConstantDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the primary holding a running task's lock, mid-body, while other workers keep calling, and a
 * storm of daily runs on fresh dates across it. Worker 1 runs a long body of a recurring task; workers 2 and 3
 * call that task in a loop (on two dates: the task-level lock excludes both) and, in the same loop, run each new
 * date of a daily task once on their own guard and once more on the other's. The primary holding both tasks'
 * keys is killed; once the topology serves again, each guard must succeed on a fresh date, the storm goes on for
 * {@link #DATES_AFTER} dates, the long body ends, and a sweep runs every date of the storm once more: a date whose
 * success key the failover lost runs again.
 *
 * <p>Asserted, because it must hold whatever the timing: no guard is wedged (each succeeds again within
 * {@link #RECOVERY_BOUND}), every call ends within {@link #callBoundNanos()} (its body's time left out), and a body
 * that entered once the topology served again finds, as it leaves, its lock still naming its run (no live run's
 * lock was deleted by another run); with {@link #replicas()}, no fencing token is handed out twice. Not asserted, but printed ({@link FailoverSummary#line()}) for
 * docs/operations.md: how long until calls were answered again, the calls that failed and how, dates run twice,
 * overlapping bodies. Replication is asynchronous: a lock or success key the dead primary acknowledged but had
 * not passed on is lost, and these figures show how often.
 *
 * <p>Run on each topology by a subclass that starts one of its own (killing the suite's shared one would break
 * the other ITs): {@code SentinelFailoverIT}, {@code ClusterFailoverIT}, {@code StandaloneRestartIT}.
 */
abstract class FailoverContract {

    private static final Logger log = LoggerFactory.getLogger(FailoverContract.class);

    static final String RECURRING = "failover_recurring";
    /** On a cluster, in the same slot range (10922–16383) as {@link #RECURRING}: one kill hits both tasks. */
    static final String DAILY = "failover_report";
    /** Long enough for a renewed lock to outlive the outage (renewed every 5 s, so 10 s left at worst). */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(15);
    static final int RETRIES = 3;
    static final Duration RETRY_DELAY = Duration.ofMillis(500);
    /** Generous: failover and Redisson's topology refresh took about 4–6 s here. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);
    static final Duration CALL_EVERY = Duration.ofMillis(10);
    /**
     * The work of a short recurring body: long enough that the long run's release, when its lock was lost, meets a
     * live body of another worker, whose lock a release that deleted any lock would delete.
     */
    static final Duration SHORT_BODY = Duration.ofMillis(20);
    /** How long the guards wait for their replicas, if {@link #replicas()} is not 0. */
    static final Duration REPLICA_WAIT = Duration.ofMillis(500);
    static final int DATES_BEFORE = 30;
    static final int DATES_AFTER = 30;
    private static final Duration PHASE_BOUND = Duration.ofSeconds(120);
    private static final LocalDate STORM = LocalDate.of(2030, 1, 1);
    private static final LocalDate FRESH = LocalDate.of(2040, 1, 1);
    private static final String SWEEP = "sweep";

    private final List<RedissonClient> clients = new ArrayList<>();
    private final AtomicInteger freshDates = new AtomicInteger();

    /** For the summary, e.g. {@code Sentinel}. */
    abstract String topology();

    /** A client of a worker, on {@link #clientSettings()}; shut down after the test. */
    abstract RedissonClient connect();

    /** The timeouts and retries of {@link #connect()}'s clients: {@link #withRetries} on the topology's settings. */
    abstract BaseConfig<?> clientSettings();

    /** {@code kill -9} of the primary holding every one of {@code keys}; returns the killed process. */
    abstract RedisProcess killPrimaryOf(List<String> keys);

    /** Returns once the topology serves again without {@code killed}: a replica promoted, or the server restarted. */
    abstract void awaitServing(RedisProcess killed, Duration bound);

    /**
     * Starts the killed primary again as a replica of the promoted one: guards that wait for a replica fail every
     * run ({@code not_replicated}) until one is back. Called only when {@link #replicas()} is not 0.
     */
    void restoreReplica() {
        throw new UnsupportedOperationException(topology() + " has no replica to restore");
    }

    /** How many replicas the guards wait for ({@code waitForReplicas}); 0, the default, for none. */
    int replicas() {
        return 0;
    }

    /** The key scheme the guards use on this topology (chosen from the client, not set by the test). */
    KeyScheme scheme() {
        return KeyScheme.PLAIN;
    }

    /** The retries of every client of the run: {@value #RETRIES}, {@link #RETRY_DELAY} apart. */
    static <T extends BaseConfig<T>> T withRetries(T settings) {
        return settings.setRetryAttempts(RETRIES).setRetryDelay(new ConstantDelay(RETRY_DELAY));
    }

    /**
     * How long a call may take, its body's time left out, derived from the clients' settings. Redisson 4.7.0
     * ({@code RedisExecutor}) gives an attempt {@code retryDelay} to get a connection and write the command, then
     * {@code timeout} for the reply, and waits {@code retryDelay} before the next attempt; {@code connectTimeout} is
     * added as slack. One request: {@code (retryAttempts + 1) × (connectTimeout + timeout + 2 × retryDelay)}. A guard
     * keeps one request in flight, so its acquire may wait for the request ahead, then its own, and so may its
     * finish: 4 requests, plus 1 s for a loaded machine. With 2 s timeouts, 3 retries 500 ms apart: 81 s (89 s when
     * the guards wait 500 ms for replicas, which Redisson adds to each attempt's timeout).
     */
    long callBoundNanos() {
        BaseConfig<?> settings = clientSettings();
        long delay = IntStream.rangeClosed(0, settings.getRetryAttempts())
                .mapToLong(attempt -> settings.getRetryDelay().calcDelay(attempt).toMillis()).max().orElse(0);
        long wait = replicas() > 0 ? REPLICA_WAIT.toMillis() : 0; // Redisson adds it to an attempt's timeout
        long attempt = settings.getConnectTimeout() + settings.getTimeout() + wait + 2 * delay;
        long request = attempt * (settings.getRetryAttempts() + 1);
        return Duration.ofMillis(4 * request + 1_000).toNanos();
    }

    @BeforeEach
    void connectWorkers() {
        for (int i = 0; i < 4; i++) { // 3 workers and the lock checker
            clients.add(connect());
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(client -> client.shutdown(0, 2, TimeUnit.SECONDS));
    }

    @Test
    void afterThePrimaryHoldingALiveLockIsKilledEveryGuardSucceedsAgainCallsEndInTimeAndNoLiveLockIsDeleted()
            throws Exception {
        RedissonClient checker = clients.get(3);
        FailoverLog runs = new FailoverLog(key -> checker.<String>getBucket(key, StringCodec.INSTANCE).get());
        TaskOptions recurring = TaskOptions.recurring(RECURRING).withLockTimeout(LOCK_TIMEOUT);
        Storm storm = new Storm(runs, recurring);
        CountDownLatch longBodyOut = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (TaskGuard w1 = guard(0); TaskGuard w2 = guard(1); TaskGuard w3 = guard(2)) {
            List<TaskGuard> guards = List.of(w1, w2, w3);
            warmUp(runs, guards);
            CountDownLatch longBodyIn = new CountDownLatch(1);
            CompletableFuture<TaskResult> longRun = CompletableFuture.supplyAsync(() -> runs.call("w1", w1, recurring,
                    "20300101", taskLock(), () -> {
                        longBodyIn.countDown();
                        awaitQuietly(longBodyOut);
                    }), pool);
            assertThat(longBodyIn.await(PHASE_BOUND.toSeconds(), TimeUnit.SECONDS)).as("the long body started").isTrue();

            CompletableFuture<Void> worker2 = CompletableFuture.runAsync(() -> storm.work("w2", w2, "w3", w3, "20300101"), pool);
            CompletableFuture<Void> worker3 = CompletableFuture.runAsync(() -> storm.work("w3", w3, "w2", w2, "20300102"), pool);
            await().atMost(PHASE_BOUND).until(() -> storm.dates.get() >= DATES_BEFORE);

            RedisProcess killed = killPrimaryOf(List.of(taskLock(), lock(DAILY, date(STORM, storm.dates.get()))));
            long killAt = runs.now();
            awaitServing(killed, RECOVERY_BOUND);
            long servedAt = runs.now();
            if (replicas() > 0) {
                restoreReplica();
                log.info("failover ({}): a replica is back {} ms after the kill", topology(),
                        (runs.now() - killAt) / 1_000_000);
            }
            runs.checkLocksFromNow();
            for (int i = 0; i < guards.size(); i++) {
                awaitSuccessOnAFreshDate(runs, "w" + (i + 1), guards.get(i));
            }
            int datesAtRecovery = storm.dates.get();
            await().atMost(PHASE_BOUND).until(() -> storm.dates.get() >= datesAtRecovery + DATES_AFTER);
            longBodyOut.countDown();
            TaskResult longResult = longRun.get(PHASE_BOUND.toSeconds(), TimeUnit.SECONDS);
            storm.stop.set(true);
            CompletableFuture.allOf(worker2, worker3).get(PHASE_BOUND.toSeconds(), TimeUnit.SECONDS);
            sweep(runs, w1, storm.dates.get());

            FailoverSummary summary = FailoverSummary.of(topology(), runs, killAt, servedAt, DAILY, RECURRING, SWEEP,
                    callBoundNanos());
            log.info("{}; the long run ended {} with warnings {}", summary.line(), longResult.status(), longResult.warnings());

            assertThat(longResult.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(runs.calls()).as("calls that took longer than their bound (body left out)")
                    .filteredOn(call -> call.overhead() > callBoundNanos()).isEmpty();
            assertThat(runs.bodies()).as("bodies that entered after the failover and whose lock did not name them as they left")
                    .filteredOn(Body::lapsed).isEmpty();
            assertThat(summary.checkedBodies()).as("bodies whose lock was checked").isGreaterThanOrEqualTo(DATES_AFTER);
            if (replicas() > 0) {
                assertThat(summary.tokensTwice()).as("fencing tokens handed out twice though a replica had each").isZero();
            }
        } finally { // a failed assertion above must not leave the workers calling
            storm.stop.set(true);
            longBodyOut.countDown();
            pool.shutdownNow();
        }
    }

    /** Workers 2 and 3: the recurring task, then a new date of the daily task on their guard and the other's. */
    private final class Storm {
        final AtomicInteger dates = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        private final FailoverLog runs;
        private final TaskOptions recurring;
        private final TaskOptions daily = TaskOptions.daily(DAILY).withLockTimeout(LOCK_TIMEOUT);

        Storm(FailoverLog runs, TaskOptions recurring) {
            this.runs = runs;
            this.recurring = recurring;
        }

        void work(String me, TaskGuard mine, String other, TaskGuard theirs, String recurringDate) {
            // Paced, not a busy loop: on 2 cores a busy loop delays the long run's renewals.
            await().atMost(PHASE_BOUND.multipliedBy(4)).pollDelay(Duration.ZERO).pollInterval(CALL_EVERY).until(() -> {
                runs.call(me, mine, recurring, recurringDate, taskLock(), () -> LockSupport.parkNanos(SHORT_BODY.toNanos()));
                String date = date(STORM, dates.getAndIncrement());
                runs.call(me, mine, daily, date, lock(DAILY, date), () -> { });
                runs.call(other, theirs, daily, date, lock(DAILY, date), () -> { });
                return stop.get();
            });
        }
    }

    private void warmUp(FailoverLog runs, List<TaskGuard> guards) {
        TaskOptions daily = TaskOptions.daily(DAILY);
        List<String> outcomes = guards.stream().map(guard -> runs.call("warm-up", guard, daily, "20291231",
                lock(DAILY, "20291231"), () -> { })).map(r -> r.status() + "/" + r.reason()).collect(Collectors.toList());
        assertThat(outcomes).containsExactly("SUCCESS/null", "SKIPPED/already_completed", "SKIPPED/already_completed");
    }

    private void awaitSuccessOnAFreshDate(FailoverLog runs, String worker, TaskGuard guard) {
        TaskOptions daily = TaskOptions.daily(DAILY);
        await().atMost(RECOVERY_BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
            String date = date(FRESH, freshDates.getAndIncrement());
            return runs.call(worker, guard, daily, date, lock(DAILY, date), () -> { }).status() == TaskStatus.SUCCESS;
        });
    }

    /** Every date of the storm once more: one whose success key the failover lost runs again. */
    private void sweep(FailoverLog runs, TaskGuard guard, int dates) {
        TaskOptions daily = TaskOptions.daily(DAILY);
        for (int k = 0; k < dates; k++) {
            String date = date(STORM, k);
            runs.call(SWEEP, guard, daily, date, lock(DAILY, date), () -> { });
        }
    }

    private TaskGuard guard(int worker) {
        TaskGuard.Builder builder = TaskGuard.builder().redisson(clients.get(worker)).clock(TestClocks.fixed());
        return (replicas() > 0 ? builder.waitForReplicas(replicas(), REPLICA_WAIT) : builder).build();
    }

    private String taskLock() {
        return "lock:" + name(RECURRING);
    }

    private String lock(String task, String date) {
        return "lock:" + name(task) + ":" + date;
    }

    private String name(String task) {
        return scheme() == KeyScheme.CLUSTER ? "{" + task + "}" : task;
    }

    private static String date(LocalDate first, int days) {
        return first.plusDays(days).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PHASE_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
