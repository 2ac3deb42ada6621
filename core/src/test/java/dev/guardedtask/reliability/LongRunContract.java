package dev.guardedtask.reliability;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A body several lock timeouts long keeps its lock, renewed, while another worker keeps calling and gets
 * {@code lock_held} throughout: a daily task on its date, and a recurring task whatever date the other worker
 * asks for (the task-level lock). The body checks, every 50 ms of its length, that the lock still names its run.
 *
 * <p>Run on each topology by a subclass that supplies its clients: {@code LongRunTest} (one server),
 * {@code SentinelLongRunIT} (a Sentinel group), {@code ClusterLongRunIT} (3 masters + 3 replicas, where the
 * cluster client gives the guards the cluster key scheme).
 */
abstract class LongRunContract {

    /** How often the long body checks its lock. */
    static final Duration CHECK_EVERY = Duration.ofMillis(50);
    /** How often the other worker calls: a steady stream, not a busy loop that would starve the renewals it tests. */
    static final Duration OTHER_CALLS_EVERY = Duration.ofMillis(5);

    private RedissonClient otherWorker;

    /** The first worker's client, shared by the suite's tests. */
    abstract RedissonClient client();

    /** A client of its own for the other worker; shut down after the test. */
    abstract RedissonClient connect();

    /** A key's value as any Redis client reads it, or null. */
    abstract String get(String key);

    /** The key scheme the guards use on this topology (chosen from the client, not set by the test). */
    KeyScheme scheme() {
        return KeyScheme.PLAIN;
    }

    /** The lock timeout of the long runs: small, for several renewals in a short test. */
    Duration lockTimeout() {
        return Duration.ofMillis(300);
    }

    /** How long the long body lasts: four lock timeouts. */
    Duration bodyLength() {
        return lockTimeout().multipliedBy(4);
    }

    @BeforeEach
    void connectOtherWorker() {
        otherWorker = connect();
    }

    @AfterEach
    void disconnect() {
        otherWorker.shutdown();
    }

    @Test
    void aBodySeveralLockTimeoutsLongKeepsItsLockWhileOthersKeepTrying() throws Exception {
        TaskOptions task = TaskOptions.daily("long_run").withLockTimeout(lockTimeout());
        String lock = "lock:" + name("long_run") + ":20300101";

        Attempts others = longRun(task, "20300101", "20300101", lock);

        assertThat(others.whileInside).isNotEmpty().containsOnly("lock_held");
        assertThat(others.afterwards).isSubsetOf("lock_held", "already_completed");
    }

    @Test
    void aLongRecurringRunKeepsItsTaskLockWhileAnotherWorkerTriesAnotherDate() throws Exception {
        TaskOptions task = TaskOptions.recurring("long_recurring").withLockTimeout(lockTimeout());
        String taskLock = "lock:" + name("long_recurring");

        Attempts others = longRun(task, "20300101", "20300102", taskLock);

        assertThat(others.whileInside).isNotEmpty().containsOnly("lock_held");
        assertThat(others.afterwards).isSubsetOf("lock_held", "success");
        try (TaskGuard other = TaskGuard.builder().redisson(otherWorker).clock(TestClocks.fixed()).build()) {
            assertThat(other.run(task, "20300102", r -> { }).status()).isEqualTo(TaskStatus.SUCCESS);
        }
    }

    /**
     * Runs {@code task} for {@code date} on the first worker with a body of {@link #bodyLength()} that checks
     * {@code lock} names its run, while the other worker calls for {@code otherDate} until it ends; returns the
     * reasons the other worker got (its status for a success).
     */
    private Attempts longRun(TaskOptions task, String date, String otherDate, String lock) throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch longBodyRunning = new CountDownLatch(1);
        AtomicBoolean bodyEnded = new AtomicBoolean();
        List<String> lapses = new CopyOnWriteArrayList<>();
        Attempts others = new Attempts();
        try (TaskGuard first = TaskGuard.builder().redisson(client()).clock(TestClocks.fixed()).build();
             TaskGuard second = TaskGuard.builder().redisson(otherWorker).clock(TestClocks.fixed()).build()) {
            CompletableFuture<TaskResult> longRun = CompletableFuture.supplyAsync(() -> first.run(task, date, r -> {
                enter(running, overlaps);
                longBodyRunning.countDown();
                long end = System.nanoTime() + bodyLength().toNanos();
                await().atMost(bodyLength().plusSeconds(10)).pollInterval(CHECK_EVERY).until(() -> {
                    String owner = get(lock);
                    if (!r.taskId().equals(owner)) {
                        lapses.add(owner + " at " + (bodyLength().toNanos() - (end - System.nanoTime())) / 1_000_000 + " ms");
                    }
                    return System.nanoTime() - end >= 0;
                });
                bodyEnded.set(true);
                running.decrementAndGet();
            }));
            assertThat(longBodyRunning.await(10, TimeUnit.SECONDS)).as("the long body started").isTrue();
            await().atMost(bodyLength().plusSeconds(20)).pollInterval(OTHER_CALLS_EVERY).until(() -> {
                TaskResult other = second.run(task, otherDate, r -> {
                    enter(running, overlaps);
                    running.decrementAndGet();
                });
                // A call that returned before the body ended was decided while the body held the lock.
                (bodyEnded.get() ? others.afterwards : others.whileInside)
                        .add(other.reason() != null ? other.reason() : other.status().name().toLowerCase(Locale.ROOT));
                return longRun.isDone();
            });

            TaskResult result = longRun.get();
            System.out.printf("reliability (%s): %s body of %d ms under a %d ms lock: %d attempts by another worker, "
                            + "%d overlaps%n", getClass().getSimpleName(), task.recurring() ? "recurring" : "daily",
                    bodyLength().toMillis(), lockTimeout().toMillis(), others.whileInside.size() + others.afterwards.size(), overlaps.get());
            assertThat(lapses).as("the lock's owner whenever it was not the long run").isEmpty();
            assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(result.warnings()).isEmpty();
            assertThat(overlaps).hasValue(0);
        }
        return others;
    }

    /** The other worker's results: those that returned while the long body ran, and those after. */
    private static final class Attempts {
        final List<String> whileInside = new ArrayList<>();
        final List<String> afterwards = new ArrayList<>();
    }

    private String name(String task) {
        return scheme() == KeyScheme.CLUSTER ? "{" + task + "}" : task;
    }

    private static void enter(AtomicInteger running, AtomicInteger overlaps) {
        if (running.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
    }
}
