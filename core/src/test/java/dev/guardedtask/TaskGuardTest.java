package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TaskGuardTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = "20261128";
    static final TaskOptions DAILY = TaskOptions.daily("task_report");
    static final TaskOptions RECURRING = TaskOptions.recurring("task_odds");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).build();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    @Test
    void aDailyTaskRunsOnceThenIsSkippedAsAlreadyCompleted() {
        TaskResult first = guard.run(DAILY, DAY, result -> runs.incrementAndGet());
        TaskResult second = guard.run(DAILY, DAY, result -> runs.incrementAndGet());

        assertThat(runs).hasValue(1);
        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(first.reason()).isNull();
        assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(second.reason()).isEqualTo("already_completed");
        assertThat(redis.keyspace()).containsExactly("success:task_report:20261128=completed");
        assertThat(redis.pttl("success:task_report:20261128")).isBetween(86_395_000L, 86_400_000L);
    }

    @Test
    void aRunCostsTwoRoundTripsAndASkipOne() {
        guard.run(DAILY, "20261127", r -> { }); // loads the scripts into this fresh server's cache
        Map<String, Long> before = redis.commandCalls();

        guard.run(DAILY, DAY, r -> { });
        Map<String, Long> afterRun = redis.commandCalls();
        guard.run(DAILY, DAY, r -> { });
        Map<String, Long> afterSkip = redis.commandCalls();

        assertThat(clientCommands(before, afterRun)).containsExactly(entry("evalsha", 2L));
        assertThat(clientCommands(afterRun, afterSkip)).containsExactly(entry("evalsha", 1L));
    }

    @Test
    void aRecurringRunWithItsTwoLocksCostsTwoRoundTripsAndAHeldOneOne() {
        guard.run(DAILY, "20261127", r -> { }); // loads the scripts into this fresh server's cache
        List<Map<String, Long>> snapshots = new ArrayList<>(List.of(redis.commandCalls()));

        guard.run(RECURRING, DAY, r -> {
            snapshots.add(redis.commandCalls());
            guard.run(RECURRING, "20261129", held -> { }); // held by the task-level lock
            snapshots.add(redis.commandCalls());
        });
        snapshots.add(redis.commandCalls());

        assertThat(clientCommands(snapshots.get(0), snapshots.get(1))).as("acquire").containsExactly(entry("evalsha", 1L));
        assertThat(clientCommands(snapshots.get(1), snapshots.get(2))).as("held").containsExactly(entry("evalsha", 1L));
        assertThat(clientCommands(snapshots.get(2), snapshots.get(3))).as("finish").containsExactly(entry("evalsha", 1L));
    }

    /** Commands sent between two snapshots, leaving out those the scripts call inside Redis and keep-alive pings. */
    private static Map<String, Long> clientCommands(Map<String, Long> before, Map<String, Long> after) {
        Set<String> insideScripts = Set.of("exists", "set", "get", "del", "pexpire", "incr", "ping",
                "hset", "hget", "hincrby", "xadd");
        Map<String, Long> sent = new TreeMap<>();
        after.forEach((command, calls) -> {
            long added = calls - before.getOrDefault(command, 0L);
            if (added > 0 && !insideScripts.contains(command)) {
                sent.put(command, added);
            }
        });
        return sent;
    }

    @Test
    void theBodyRunsWithTheLockHeldByItsRunId() {
        TaskResult result = guard.run(DAILY, DAY,
                r -> assertThat(redis.get("lock:task_report:20261128")).isEqualTo(r.taskId()));

        assertThat(result.taskId()).matches("[0-9a-f]{8}");
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void aLockHeldElsewhereSkipsTheRunAndSurvives() {
        redis.set("lock:task_report:20261128", "deadbeef", Duration.ofMinutes(1));

        TaskResult result = guard.run(DAILY, DAY, r -> runs.incrementAndGet());

        assertThat(runs).hasValue(0);
        assertThat(result.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("lock_held");
        assertThat(redis.keyspace()).containsExactly("lock:task_report:20261128=deadbeef");
    }

    @Test
    void aRecurringTaskRunsEveryTimeAndWritesNoSuccessKey() {
        redis.set("success:task_odds:20261128", "completed", Duration.ofMinutes(1));

        guard.run(RECURRING, DAY, r -> runs.incrementAndGet());
        guard.run(RECURRING, DAY, r -> runs.incrementAndGet());

        assertThat(runs).hasValue(2);
        assertThat(redis.keyspace()).containsExactly("success:task_odds:20261128=completed");
        assertThat(redis.pttl("success:task_odds:20261128")).isBetween(55_000L, 60_000L);
    }

    static Stream<Throwable> failures() {
        return Stream.of(new IOException("disk full"), new IllegalStateException("bad state"),
                new AssertionError("an Error"), new InterruptedException("interrupted"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void anythingThrownFailsTheRunReleasesTheLockAndReachesTheCaller(Throwable thrown) {
        TaskError error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, DAY, r -> {
            r.increment("items");
            throw thrown;
        }));
        boolean interrupted = Thread.interrupted();

        assertThat(interrupted).as("interrupt restored").isEqualTo(thrown instanceof InterruptedException);
        assertThat(error.getCause()).isSameAs(thrown);
        assertThat(error.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo("exception");
        assertThat(error.result().errors()).containsExactly(thrown.toString());
        assertThat(error.result().count("items")).isEqualTo(1);
        assertThat(error).hasMessageContaining("Task 'task_report' for 20261128 failed")
                .hasMessageContaining(thrown.getMessage());
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void failingTheResultFailsTheRunWithItsReason() {
        TaskError error = catchThrowableOfType(TaskError.class,
                () -> guard.run(DAILY, DAY, r -> r.fail("quota_exceeded")));

        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo("quota_exceeded");
        assertThat(error.getCause()).isNull();
        assertThat(error).hasMessageContaining("task_report").hasMessageContaining("quota_exceeded");
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void aCounterNamedLikeAStandardFieldFailsTheRunInTheBody() {
        TaskError error = catchThrowableOfType(TaskError.class,
                () -> guard.run(RECURRING, DAY, r -> r.increment("status")));

        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo("exception");
        assertThat(error.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("Task 'task_odds': "
                + "counter name 'status' is a standard result field; choose another name, e.g. 'status_count'.");
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void aPendingInterruptDoesNotKeepTheLockAndIsKept() {
        TaskResult result = guard.run(DAILY, DAY, r -> Thread.currentThread().interrupt());

        assertThat(Thread.interrupted()).isTrue();
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.keyspace()).containsExactly("success:task_report:20261128=completed");
    }

    @Test
    void anInterruptPendingAtTheCallLeavesNoLockBehindAndIsKept() {
        Thread.currentThread().interrupt();

        TaskResult result = guard.run(DAILY, DAY, r -> runs.incrementAndGet());
        boolean interrupted = Thread.interrupted();

        assertThat(interrupted).isTrue();
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(runs).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:task_report:20261128=completed");
    }

    @Test
    void withRedisDownTheBodyDoesNotRunAndTheCallerIsToldWithinSeconds() {
        TaskGuard ownClient = TaskGuard.builder().redis(redis.uri()).clock(clock).build();
        redis.stop();

        TaskError error = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                catchThrowableOfType(TaskError.class, () -> ownClient.run(DAILY, DAY, r -> runs.incrementAndGet())));
        ownClient.close();

        assertThat(runs).hasValue(0);
        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo("backend_unavailable");
        assertThat(error).hasMessageContaining("Task 'task_report' for 20261128 did not run");
    }

    @Test
    void redisFailingDuringTheBodyKeepsTheStatusAndWarns() {
        TaskResult result = guard.run(DAILY, DAY, r -> redis.stop());

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("backend_unavailable: completion not recorded, lock not released");
    }

    @Test
    void theDefaultDateIsTodayInTheConfiguredZone() {
        try (TaskGuard tokyo = TaskGuard.builder().redisson(redis.client())
                .clock(Clock.fixed(Instant.parse("2026-11-28T23:30:00Z"), ZoneOffset.UTC))
                .zone(ZoneId.of("Asia/Tokyo")).build()) {

            TaskResult result = tokyo.run(DAILY, null, r -> { });

            assertThat(tokyo.today()).isEqualTo("20261129");
            assertThat(result.date()).isEqualTo("20261129");
            assertThat(redis.keyspace()).containsExactly("success:task_report:20261129=completed");
        }
    }

    @Test
    void timeoutsComeFromTheTaskThenTheGuard() {
        try (TaskGuard custom = TaskGuard.builder().redisson(redis.client()).clock(clock)
                .lockTimeout(Duration.ofSeconds(30)).successTtl(Duration.ofHours(2)).keyPrefix("app:").build()) {

            custom.run(DAILY, DAY, r -> assertThat(redis.pttl("app:lock:task_report:20261128"))
                    .isBetween(25_000L, 30_000L));
            custom.run(DAILY.withLockTimeout(Duration.ofSeconds(90)).withSuccessTtl(Duration.ofDays(2)), "20261129",
                    r -> assertThat(redis.pttl("app:lock:task_report:20261129")).isBetween(85_000L, 90_000L));

            assertThat(redis.pttl("app:success:task_report:20261128")).isBetween(7_195_000L, 7_200_000L);
            assertThat(redis.pttl("app:success:task_report:20261129")).isBetween(172_795_000L, 172_800_000L);
        }
    }

    @Test
    void aRunThatLostItsLockNeitherExtendsNorDeletesTheNewcomersLockAndWarns() {
        TaskOptions shortLock = DAILY.withLockTimeout(Duration.ofMillis(300));
        long[] newcomerSetAt = new long[1];

        TaskResult result = guard.run(shortLock, DAY, r -> {
            newcomerSetAt[0] = System.nanoTime();
            redis.set("lock:task_report:20261128", "deadbeef", Duration.ofSeconds(10));
            // Renewal ticks every 100 ms: over five ticks, the newcomer's TTL only counts down from 10 s
            // (a renewal of it would cut it to 300 ms).
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> untouchedTtl("lock:task_report:20261128", 10_000, newcomerSetAt[0]));
        });

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).containsExactly("lock_lost");
        assertThat(redis.get("lock:task_report:20261128")).isEqualTo("deadbeef");
        assertThat(untouchedTtl("lock:task_report:20261128", 10_000, newcomerSetAt[0])).isTrue();
        assertThat(redis.pttl("lock:task_report:20261128")).isLessThanOrEqualTo(9_500);
        assertThat(redis.get("success:task_report:20261128")).isEqualTo("completed");
    }

    /**
     * Whether {@code key}'s TTL is exactly what is left of {@code ttlMillis} set at {@code setAt}
     * ({@link System#nanoTime()} just before the SET): never extended, never shortened. Redis counts in
     * whole ms, hence 2 ms of slack.
     */
    private static boolean untouchedTtl(String key, long ttlMillis, long setAt) {
        long pttl = redis.pttl(key);
        long elapsed = Duration.ofNanos(System.nanoTime() - setAt).toMillis();
        return pttl >= ttlMillis - elapsed - 2 && pttl <= ttlMillis;
    }

    @Test
    void aDeletedLockIsReportedAsLost() {
        TaskResult result = guard.run(RECURRING, DAY, r -> redis.delete("lock:task_odds:20261128"));

        assertThat(result.warnings()).containsExactly("lock_lost");
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void aClosedGuardRefusesRunsWithoutTouchingRedis() {
        guard.close();
        Map<String, Long> before = redis.commandCalls();

        assertThatThrownBy(() -> guard.run(DAILY, DAY, r -> runs.incrementAndGet()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task_report").hasMessageContaining("closed");
        assertThat(runs).hasValue(0);
        assertThat(redis.commandsSince(before)).isEmpty();
    }
}
