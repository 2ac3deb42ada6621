package dev.guardedtask;

import dev.guardedtask.internal.processing.GuardedTaskProcessor;
import dev.guardedtask.testsupport.Javac;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock timeouts and success TTLs go up to 3650 days: Redis keeps keys for that long, and anything longer
 * fails where it is written (the build, for an annotation), never with an ArithmeticException or a refusal
 * from Redis at run time.
 */
class DurationBoundTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final long TEN_YEARS_MILLIS = 3650L * 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void redisKeepsTheLockAndTheSuccessKeyForTheLongestDurations() {
        long[] lockTtl = new long[1];
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .lockTimeout(Duration.ofDays(3650)).successTtl(Duration.ofDays(3650)).build()) {

            TaskResult result = guard.run(TaskOptions.daily("decade"), TestClocks.TODAY,
                    r -> lockTtl[0] = redis.pttl("lock:decade:" + TestClocks.TODAY));

            assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(result.warnings()).isEmpty();
        }
        assertThat(lockTtl[0]).isBetween(TEN_YEARS_MILLIS - 5_000, TEN_YEARS_MILLIS);
        assertThat(redis.pttl("success:decade:" + TestClocks.TODAY)).isBetween(TEN_YEARS_MILLIS - 5_000, TEN_YEARS_MILLIS);
    }

    @Test
    void annotationDurationsOverTheBoundFailTheBuildInsteadOfCrashingTheProcessor() {
        Javac.Messages messages = Javac.compile(dir, "Jobs", """
                import dev.guardedtask.GuardedTask;

                class Jobs {
                    @GuardedTask(name = "t", lockTimeout = "PT9223372036854775807S", successTtl = "P3651D") void t() { }
                    @GuardedTask(name = "u", lockTimeout = "PT9223372036854775808S", successTtl = "P3650D") void u() { }
                }
                """, List.of(new GuardedTaskProcessor()));

        assertThat(messages.errors()).containsExactly(
                "@GuardedTask method void Jobs.t(): Task 't': lockTimeout 'PT9223372036854775807S' must be at most "
                        + "3650 days (P3650D), e.g. PT5M (5 minutes).",
                "@GuardedTask method void Jobs.t(): Task 't': successTtl 'P3651D' must be at most 3650 days (P3650D), "
                        + "e.g. P1D (1 day).",
                "@GuardedTask method void Jobs.u(): Task 'u': lockTimeout 'PT9223372036854775808S' is out of range: "
                        + "write 1 ms to 3650 days (P3650D), e.g. PT5M (5 minutes).");
    }
}
