package dev.guardedtask.reliability;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise, on a real Redis with real processes: a daily task runs once per date and a task never
 * runs twice at once, whatever happens. Figures are printed for docs/operations.md. Sizes grow with
 * {@code -Psoak}.
 */
class ReliabilityTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final int PROCESSES = Integer.getInteger("guardedtask.reliability.processes", 4);
    static final int THREADS = Integer.getInteger("guardedtask.reliability.threads", 16);
    static final int DATES = Integer.getInteger("guardedtask.reliability.dates", 200);
    static final int ITERATIONS = Integer.getInteger("guardedtask.reliability.iterations", 100);

    static RedissonClient otherWorker;

    @BeforeAll
    static void connectOtherWorker() {
        otherWorker = redis.connect();
    }

    @AfterAll
    static void disconnect() {
        otherWorker.shutdown();
    }

    @Test
    void manyJvmsRacingRunEachDateOnceAndNeverOverlapARecurringTask() throws Exception {
        List<Process> workers = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                workers.add(worker("race", redis.uri(), PROCESSES, DATES, THREADS, ITERATIONS));
            }
            long successes = 0;
            Map<String, Long> outcomes = new TreeMap<>();
            for (Process worker : workers) {
                String output = finish(worker);
                successes += successes(output);
                outcomes(output).forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            List<String> doubleRuns = new ArrayList<>();
            for (int d = 0; d < DATES; d++) {
                String executions = redis.get("exec:" + WorkerProcess.date(d));
                if (!"1".equals(executions)) {
                    doubleRuns.add(WorkerProcess.date(d) + "=" + executions);
                }
            }
            long recurringRuns = Long.parseLong(redis.get("recurring_execs"));
            System.out.printf("reliability: %d JVMs x %d threads x %d dates: %d daily runs, %d dates not run "
                            + "exactly once; recurring: %d runs of %d calls, %s overlaps; %d ms%n",
                    PROCESSES, THREADS, DATES, successes - recurringRuns, doubleRuns.size(), recurringRuns,
                    (long) PROCESSES * THREADS * ITERATIONS, redis.get("overlaps") == null ? "0" : redis.get("overlaps"),
                    millis);

            long recurringCalls = (long) PROCESSES * THREADS * ITERATIONS;
            assertThat(doubleRuns).isEmpty();
            assertThat(successes - recurringRuns).isEqualTo(DATES);
            assertThat(recurringRuns).isBetween(1L, recurringCalls);
            assertThat(outcomes.keySet()).isSubsetOf("SUCCESS/null", "SKIPPED/lock_held", "SKIPPED/already_completed");
            assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo((long) PROCESSES * THREADS * DATES + recurringCalls);
            assertThat(redis.get("overlaps")).isNull();
            assertThat(redis.keyspace()).noneMatch(key -> key.startsWith("lock:"));
        } finally {
            workers.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void aKilledWorkersTaskIsTakenOverOnlyOnceItsLockExpiredAndCompletedByTheSurvivor() throws Exception {
        long lockMillis = 2_000;
        Duration slack = Duration.ofSeconds(2);
        Process doomed = worker("hang", redis.uri(), lockMillis);
        String lock = "lock:crash_task:" + WorkerProcess.CRASH_DATE;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.get("crash:started") != null);
            assertThat(redis.get(lock)).isEqualTo(redis.get("crash:started"));
        } finally {
            doomed.destroyForcibly().waitFor();
        }
        long killed = System.nanoTime();
        long remaining = redis.pttl(lock);
        assertThat(remaining).isBetween(0L, lockMillis);
        assertThat(redis.get("success:crash_task:" + WorkerProcess.CRASH_DATE)).as("the dead run's success key").isNull();

        AtomicInteger bodies = new AtomicInteger();
        AtomicReference<TaskResult> takeover = new AtomicReference<>();
        try (TaskGuard survivor = TaskGuard.builder().redisson(otherWorker).clock(TestClocks.fixed()).build()) {
            await().atMost(Duration.ofMillis(lockMillis).plus(slack)).pollInterval(Duration.ofMillis(20)).until(() -> {
                takeover.set(survivor.run(WorkerProcess.HANGING, WorkerProcess.CRASH_DATE, r -> bodies.incrementAndGet()));
                return takeover.get().status() != TaskStatus.SKIPPED;
            });
        }
        long takenOverAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.printf("reliability: worker killed mid-body, lock timeout %d ms: taken over after %d ms%n",
                lockMillis, takenOverAfter);

        // Not before the dead worker's lock expired (1 ms: PTTL rounds), not later than the await allows.
        assertThat(takenOverAfter).isBetween(remaining - 1, lockMillis + slack.toMillis());
        assertThat(takeover.get().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(1);
        assertThat(redis.get("success:crash_task:" + WorkerProcess.CRASH_DATE)).isEqualTo("completed");
    }

    @Test
    void aDeadRunLeavesNoSuccessKey() throws Exception {
        Process doomed = worker("hang", redis.uri(), 60_000);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.get("crash:started") != null);
        } finally {
            doomed.destroyForcibly().waitFor();
        }

        assertThat(redis.keyspace()).containsExactlyInAnyOrder(
                "crash:started=" + redis.get("crash:started"),
                "lock:crash_task:" + WorkerProcess.CRASH_DATE + "=" + redis.get("crash:started"));
    }

    @Test
    void aRunThatLostItsLockToANewcomerNeverDeletesTheNewcomersLock() throws Exception {
        TaskOptions task = TaskOptions.recurring("lost_lock");
        String lock = "lock:lost_lock:20300101";
        CountDownLatch newcomerRunning = new CountDownLatch(1);
        CountDownLatch firstDone = new CountDownLatch(1);
        AtomicReference<String> newcomerLockWhenFirstEnded = new AtomicReference<>();
        try (TaskGuard first = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
             TaskGuard newcomer = TaskGuard.builder().redisson(otherWorker).clock(TestClocks.fixed()).build()) {
            CompletableFuture<TaskResult> second = new CompletableFuture<>();
            TaskResult firstResult = first.run(task, "20300101", r -> {
                redis.delete(lock); // as if both its locks had expired during a long pause
                redis.delete("lock:lost_lock");
                CompletableFuture.runAsync(() -> second.complete(newcomer.run(task, "20300101", n -> {
                    newcomerRunning.countDown();
                    firstDone.await(10, TimeUnit.SECONDS);
                    newcomerLockWhenFirstEnded.set(redis.get(lock) + "/" + n.taskId());
                })));
                newcomerRunning.await(10, TimeUnit.SECONDS);
            });
            firstDone.countDown();
            TaskResult secondResult = second.get(10, TimeUnit.SECONDS);

            assertThat(firstResult.warnings()).containsExactly("lock_lost");
            String[] lockAndOwner = newcomerLockWhenFirstEnded.get().split("/");
            assertThat(lockAndOwner[0]).isEqualTo(lockAndOwner[1]);
            assertThat(secondResult.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(secondResult.warnings()).isEmpty();
            assertThat(redis.keyspace()).isEmpty();
        }
    }

    @Test
    void afterARedisRestartWithEmptyDataAndScriptCacheTheNextRunWorks() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            guard.run(WorkerProcess.DAILY, "20300101", r -> { });
            redis.stop();
            redis.start();

            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> guard.run(WorkerProcess.DAILY, "20300101", r -> { }).status() == TaskStatus.SUCCESS);

            assertThat(redis.keyspace()).containsExactly("success:race_daily:20300101=completed");
        }
    }

    private static Process worker(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static Process worker(String mode, String uri, long... numbers) throws IOException {
        List<String> args = new ArrayList<>(List.of(mode, uri));
        for (long number : numbers) {
            args.add(Long.toString(number));
        }
        return worker(args.toArray(String[]::new));
    }

    private static String finish(Process worker) throws Exception {
        String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(worker.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(worker.exitValue()).as(output).isZero();
        return output;
    }

    /** The worker's {@code outcomes {status/reason=count, ...}} line as a map. */
    private static Map<String, Long> outcomes(String output) {
        Matcher line = Pattern.compile("outcomes \\{(.*)}").matcher(output);
        assertThat(line.find()).as(output).isTrue();
        Map<String, Long> outcomes = new TreeMap<>();
        for (String entry : line.group(1).split(", ")) {
            String[] outcomeAndCount = entry.split("=");
            outcomes.put(outcomeAndCount[0], Long.parseLong(outcomeAndCount[1]));
        }
        return outcomes;
    }

    private static long successes(String output) {
        Matcher success = Pattern.compile("SUCCESS/null=(\\d+)").matcher(output);
        assertThat(success.find()).as(output).isTrue();
        return Long.parseLong(success.group(1));
    }
}
