package dev.guardedtask;

import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The history a guard writes as it runs ({@code docs/protocol.md}, "History"), read back from a real Redis
 * with plain commands, as any client reads it: one entry per finished run with exactly the result's fields,
 * counts by status and skip reason, the run in progress while the body runs, the bound and the time to live.
 */
class HistoryTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final long STARTED = TestClocks.NOW.toEpochMilli();

    private final MutableClock clock = TestClocks.mutable();
    private final Jedis jedis = jedis();

    @AfterEach
    void close() {
        jedis.close();
    }

    private static Jedis jedis() {
        URI address = URI.create(redis.uri());
        return new Jedis(address.getHost(), address.getPort());
    }

    /** Each entry's fields in the order they were written (Jedis's own stream type keeps no order). */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> history(String key) {
        List<Object> entries = (List<Object>) jedis.sendCommand(Protocol.Command.XRANGE, key, "-", "+");
        return entries.stream().map(entry -> {
            List<Object> fields = (List<Object>) ((List<Object>) entry).get(1);
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i += 2) {
                map.put(SafeEncoder.encode((byte[]) fields.get(i)), SafeEncoder.encode((byte[]) fields.get(i + 1)));
            }
            return map;
        }).toList();
    }

    @Test
    void aSuccessfulRunRecordsItsResultWorkerTimesAndTokenInOrder() {
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build()) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> {
                r.add("sent", 42);
                r.increment("retries");
                r.warn("slow mailer");
                clock.advance(Duration.ofMillis(1_500));
            });
        }

        List<Map<String, String>> entries = history("history:report");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsExactly(entry("lock", "released"),
                entry("kind", "run"), entry("date", DAY), entry("task_id", result.taskId()), entry("status", "success"),
                entry("warning.1", "slow mailer"), entry("count.sent", "42"), entry("count.retries", "1"),
                entry("started", Long.toString(STARTED)), entry("ended", Long.toString(STARTED + 1_500)),
                entry("fencing_token", "1"), entry("worker", "worker-1"));
        assertThat(jedis.hgetAll("stats:report")).containsOnly(entry("success", "1"));
        assertThat(jedis.exists("run:report:" + DAY)).as("the run in progress is gone").isFalse();
    }

    @Test
    void aKeyedRunRecordsItsKeyRightAfterTheDateInTheTasksHistory() {
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build()) {
            result = guard.run(TaskOptions.daily("report").withKey("customer_42"), DAY, r -> { });
        }

        assertThat(history("history:report")).singleElement().satisfies(e -> assertThat(e).containsExactly(
                entry("lock", "released"), entry("kind", "run"), entry("date", DAY), entry("key", "customer_42"),
                entry("task_id", result.taskId()),
                entry("status", "success"), entry("started", Long.toString(STARTED)),
                entry("ended", Long.toString(STARTED)), entry("fencing_token", "1"), entry("worker", "worker-1")));
        assertThat(jedis.hgetAll("stats:report")).containsOnly(entry("success", "1"));
        assertThat(jedis.exists("success:report#customer_42:" + DAY)).isTrue();
    }

    @Test
    void aFailedRunRecordsItsReasonAndErrorsAndCountsAsFailed() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build()) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> {
                r.error("row 7 is empty");
                throw new IllegalStateException("<img src=x onerror=alert(1)>");
            })).isInstanceOf(TaskError.class);
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> r.fail("no_input")))
                    .isInstanceOf(TaskError.class);
        }

        List<Map<String, String>> history = history("history:report");
        assertThat(history).extracting(e -> e.get("status"), e -> e.get("reason"), e -> e.get("error.1"),
                        e -> e.get("error.2"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("failed", "exception", "row 7 is empty",
                                "java.lang.IllegalStateException: <img src=x onerror=alert(1)>"),
                        org.assertj.core.groups.Tuple.tuple("failed", "no_input", null, null));
        assertThat(jedis.hgetAll("stats:report")).containsOnly(entry("failed", "2"));
        assertThat(jedis.exists("success:report:" + DAY)).isFalse();
    }

    @Test
    void skippedCallsAreCountedByReasonNotRecorded() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            redis.set("lock:report:20261129", "deadbeef", Duration.ofMinutes(1));
            guard.run(TaskOptions.daily("report"), "20261129", r -> { });
        }

        assertThat(jedis.xlen("history:report")).isEqualTo(1);
        assertThat(jedis.hgetAll("stats:report")).containsOnly(
                entry("success", "1"), entry("already_completed", "2"), entry("lock_held", "1"));
    }

    @Test
    void aRunInProgressShowsItsWorkerStartLockTimeoutAndTokenForAsLongAsItsLock() {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        AtomicReference<Long> ttl = new AtomicReference<>();
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .lockTimeout(Duration.ofMinutes(2)).build()) {
            result = guard.run(TaskOptions.recurring("task_odds"), DAY, r -> {
                seen.set(jedis.hgetAll("run:task_odds:" + DAY));
                ttl.set(jedis.pttl("run:task_odds:" + DAY));
            });
        }

        assertThat(seen.get()).containsOnly(entry("task_id", result.taskId()), entry("worker", "worker-1"),
                entry("started", Long.toString(STARTED)), entry("lock_ms", "120000"), entry("fencing_token", "1"));
        assertThat(ttl.get()).isBetween(60_000L, 120_000L);
        assertThat(jedis.exists("run:task_odds:" + DAY)).isFalse();
        assertThat(history("history:task_odds")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("status", "success").doesNotContainKey("reason"));
    }

    @Test
    void aRunWhoseLockWasTakenRecordsTheLossAndLeavesTheNewcomersRunKeyAlone() {
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build()) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> {
                jedis.set("lock:report:" + DAY, "0badc0de");
                jedis.hset("run:report:" + DAY, "task_id", "0badc0de");
            });
        }

        assertThat(result.warnings()).containsExactly(TaskResult.LOCK_LOST);
        assertThat(history("history:report")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("lock", "lost").doesNotContainKey("warning.1"));
        assertThat(jedis.hget("run:report:" + DAY, "task_id")).isEqualTo("0badc0de");
        assertThat(jedis.get("lock:report:" + DAY)).isEqualTo("0badc0de");
    }

    @Test
    void theHistoryKeepsTheNewestEntriesItIsToldAndExpiresAfterItsTimeToLive() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .history(3, Duration.ofHours(2)).build()) {
            for (int day = 1; day <= 5; day++) {
                guard.run(TaskOptions.daily("report"), "2026110" + day, r -> { });
            }
        }

        assertThat(history("history:report")).extracting(e -> e.get("date"))
                .containsExactly("20261103", "20261104", "20261105");
        assertThat(jedis.pttl("history:report")).isBetween(Duration.ofHours(1).toMillis(), Duration.ofHours(2).toMillis());
        assertThat(jedis.pttl("stats:report")).isBetween(Duration.ofHours(1).toMillis(), Duration.ofHours(2).toMillis());
        assertThat(jedis.hget("stats:report", "success")).isEqualTo("5");
    }

    @Test
    void fromAHundredEntriesKeptTheHistoryIsTrimmedAWholeStreamNodeAtATimeNeverBelowWhatItKeeps() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .history(100, Duration.ofHours(2)).build()) {
            for (int run = 1; run <= 350; run++) {
                guard.run(TaskOptions.recurring("report"), DAY, r -> { });
                long length = jedis.xlen("history:report");
                // Redis's default stream-node-max-entries is 100: at most one node more than the 100 kept
                assertThat(length).as("entries after run %d", run).isBetween((long) Math.min(run, 100), 200L);
            }
        }
        assertThat(jedis.xlen("history:report")).as("trimmed at all").isLessThan(350);
        assertThat(jedis.hget("stats:report", "success")).isEqualTo("350");
    }

    @Test
    void anEntryKeepsEveryCharacterOfTheResultsTextsAsTheBodyGaveThem() {
        String text = "quote \" backslash \\ slash / newline \n tab \t nul \u0000 bell \u0007 del \u007f "
                + "accent é, CJK 日本, emoji 😀, JSON-looking [\"a\",1] {\"b\":null}";
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("wörker \"1\"")
                .build()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> {
                r.warn(text);
                r.warn("");
                r.add("rows", 7);
            });
        }

        assertThat(history("history:report")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("warning.1", text).containsEntry("warning.2", "")
                    .containsEntry("count.rows", "7").containsEntry("worker", "wörker \"1\"");
        });
    }

    @Test
    void aResultTooBigForOneEntryIsRecordedCutDownAndTheDateStillCompletesExactlyOnce() {
        AtomicInteger bodies = new AtomicInteger();
        String longWarning = "x".repeat(20_000);
        TaskResult first;
        TaskResult second;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .build()) {
            first = guard.run(TaskOptions.daily("report"), DAY, r -> {
                bodies.incrementAndGet();
                r.warn(longWarning);
                for (int i = 2; i <= 4_000; i++) {
                    r.warn("w" + i);
                    r.error("e" + i);
                }
                for (int i = 1; i <= 500; i++) {
                    r.add("c" + i, i);
                }
            });
            second = guard.run(TaskOptions.daily("report"), DAY, r -> bodies.incrementAndGet());
        }

        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(first.warnings()).as("the result keeps everything").hasSize(4_000);
        assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(bodies).as("the date ran exactly once").hasValue(1);
        assertThat(jedis.exists("lock:report:" + DAY)).as("the lock is released").isFalse();
        Map<String, String> entry = history("history:report").get(0);
        assertThat(entry.get("warning.1")).isEqualTo("x".repeat(1_024) + "... (18976 more characters)");
        assertThat(entry.get("warning.48")).isEqualTo("w48");
        assertThat(entry.get("warning.49")).isEqualTo(
                "3951 more warnings not in the history (it keeps the first 48 and the last; the run's TaskResult has them all)");
        assertThat(entry.get("warning.50")).isEqualTo("w4000");
        assertThat(entry.get("error.48")).isEqualTo("e49");
        assertThat(entry.get("error.49")).isEqualTo(
                "3950 more errors not in the history (it keeps the first 48 and the last; the run's TaskResult has them all)");
        assertThat(entry.get("error.50")).isEqualTo("e4000");
        assertThat(entry.keySet().stream().filter(field -> field.startsWith("count."))).hasSize(100)
                .contains("count.c1", "count.c100").doesNotContain("count.c101");
        assertThat(entry).containsEntry("counts_left_out", "400").doesNotContainKeys("warning.51", "error.51");
    }

    @Test
    void aFailedRunsExceptionStaysInItsEntryHoweverManyErrorsCameBefore() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .build()) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> {
                for (int i = 1; i <= 60; i++) {
                    r.error("e" + i);
                }
                throw new IllegalStateException("boom");
            })).isInstanceOf(TaskError.class);
        }

        Map<String, String> entry = history("history:report").get(0);
        assertThat(entry.get("error.49")).startsWith("12 more errors not in the history");
        assertThat(entry.get("error.50")).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(entry).doesNotContainKey("counts_left_out");
    }

    @Test
    void anEntryWithinTheLimitsKeepsEverythingAsItIs() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .build()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> {
                for (int i = 1; i <= 50; i++) {
                    r.warn("w" + i);
                }
                for (int i = 1; i <= 100; i++) {
                    r.add("c" + i, i);
                }
                r.error("y".repeat(1_024));
            });
        }

        Map<String, String> entry = history("history:report").get(0);
        assertThat(entry).containsEntry("warning.50", "w50").containsEntry("count.c100", "100")
                .containsEntry("error.1", "y".repeat(1_024)).doesNotContainKeys("warning.51", "counts_left_out");
    }

    @Test
    void aTextIsClippedAtACharacterNeverInsideASurrogatePair() {
        String emojiAcrossTheCut = "a".repeat(GuardedRun.ENTRY_TEXT_CHARS - 1) + "😀" + "b";

        assertThat(GuardedRun.clipped(emojiAcrossTheCut))
                .isEqualTo("a".repeat(GuardedRun.ENTRY_TEXT_CHARS - 1) + "... (3 more characters)");
        assertThat(GuardedRun.clipped("a".repeat(GuardedRun.ENTRY_TEXT_CHARS + 1)))
                .isEqualTo("a".repeat(GuardedRun.ENTRY_TEXT_CHARS) + "... (1 more character)");
        assertThat(GuardedRun.clipped("a".repeat(GuardedRun.ENTRY_TEXT_CHARS)))
                .isEqualTo("a".repeat(GuardedRun.ENTRY_TEXT_CHARS));
    }

    @Test
    void aGuardWithHistoryOffWritesOnlyTheLocksSuccessKeysAndCounter() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .history(0, Duration.ofDays(1)).build()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> assertThat(jedis.keys("run:*")).isEmpty());
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            guard.run(TaskOptions.recurring("task_odds"), DAY, r -> { });
        }

        assertThat(jedis.keys("*")).containsExactlyInAnyOrder("success:report:" + DAY, "fence:report", "fence:task_odds");
    }

    @Test
    void theClusterSchemeTagsTheHistoryKeysWithTheTask() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
                .keyScheme(KeyScheme.CLUSTER).keyPrefix("app:").build()) {
            guard.run(TaskOptions.daily("report"), DAY,
                    r -> assertThat(jedis.exists("app:run:{report}:" + DAY)).isTrue());
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
        }

        assertThat(jedis.keys("*")).containsExactlyInAnyOrder("app:success:{report}:" + DAY, "app:fence:{report}",
                "app:history:{report}", "app:stats:{report}");
    }

    @Test
    void theWorkerNameIsThePidAtTheHostByDefault() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).build()) {
            assertThat(guard.workerName()).startsWith(ProcessHandle.current().pid() + "@").hasSizeGreaterThan(
                    Long.toString(ProcessHandle.current().pid()).length() + 1);
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            assertThat(history("history:report")).singleElement()
                    .satisfies(e -> assertThat(e).containsEntry("worker", guard.workerName()));
        }
    }

    @Test
    void badHistoryAndWorkerSettingsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> TaskGuard.builder().history(-1, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("TaskGuard.builder().history(-1, ...): keep "
                        + "0 (no history) to 1000000 runs per task, e.g. history(1000, Duration.ofDays(30)).");
        assertThatThrownBy(() -> TaskGuard.builder().history(1_000_001, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TaskGuard.builder().history(1000001, ...)");
        assertThatThrownBy(() -> TaskGuard.builder().history(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: history time to live PT0S must be at least 1 ms, e.g. P1D (1 day).");
        assertThatThrownBy(() -> TaskGuard.builder().history(10, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskGuard.builder().workerName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("TaskGuard.builder().workerName(\" \"): use 1 "
                        + "to 200 characters, not blank, without control characters, e.g. 'reports-1'.");
        assertThatThrownBy(() -> TaskGuard.builder().workerName("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskGuard.builder().workerName("w".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskGuard.builder().workerName(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TaskGuard.builder().workerName(null)");
        assertThat(TaskGuard.builder().workerName("w".repeat(200))).isNotNull();
    }
}
