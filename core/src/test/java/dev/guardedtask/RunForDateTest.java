package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TaskGuard#runFor}: a {@code LocalDate} is the same run as its {@code YYYYMMDD} string. */
class RunForDateTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    /** 2026-11-28 23:30 UTC: already 2026-11-29 in Tokyo. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T23:30:00Z"), ZoneOffset.UTC);

    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(CLOCK).build();

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    @Test
    void aLocalDateIsTheSameRunAsItsYyyymmddString() {
        TaskResult byDate = guard.runFor(TaskOptions.daily("task_x"), LocalDate.of(2026, 3, 1), r -> { });
        TaskResult byString = guard.run(TaskOptions.daily("task_x"), "20260301", r -> { });

        assertThat(byDate.date()).isEqualTo("20260301");
        assertThat(byDate.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(byString.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(redis.keyspace()).containsExactly("success:task_x:20260301=completed");
    }

    @Test
    void yearsBelow1000AreZeroPadded() {
        assertThat(guard.runFor(TaskOptions.recurring("task_x"), LocalDate.of(999, 3, 1), r -> { }).date())
                .isEqualTo("09990301");
        assertThat(guard.runFor(TaskOptions.recurring("task_x"), LocalDate.of(0, 1, 1), r -> { }).date())
                .isEqualTo("00000101");
        assertThat(guard.runFor(TaskOptions.recurring("task_x"), LocalDate.of(9999, 12, 31), r -> { }).date())
                .isEqualTo("99991231");
    }

    @Test
    void nullIsTodayInTheGuardsZone() {
        try (TaskGuard tokyo = TaskGuard.builder().inMemory().clock(CLOCK).zone(ZoneId.of("Asia/Tokyo")).build()) {
            assertThat(guard.runFor(TaskOptions.recurring("task_x"), null, r -> { }).date()).isEqualTo("20261128");
            assertThat(tokyo.runFor(TaskOptions.recurring("task_x"), null, r -> { }).date()).isEqualTo("20261129");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_000})
    void aYearWithoutAnEightDigitFormFailsBeforeRedis(int year) {
        LocalDate date = LocalDate.of(year, 1, 1);
        Map<String, Long> before = redis.commandCalls();

        assertThatThrownBy(() -> guard.runFor(TaskOptions.daily("task_x"), date, r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': date " + date + " has no YYYYMMDD form; pass a date in the years 0000 "
                        + "to 9999.");
        assertThat(redis.commandCalls()).isEqualTo(before);
    }

    @Test
    void nullOptionsOrBodyFailNamingRunFor() {
        assertThatThrownBy(() -> guard.runFor(null, LocalDate.of(2026, 3, 1), r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard.runFor: task options are null; pass e.g. TaskOptions.daily(\"task_daily_report\").");
        assertThatThrownBy(() -> guard.runFor(TaskOptions.daily("task_x"), LocalDate.of(2026, 3, 1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': body is null; pass the work to run, e.g. result -> report.send().");
    }

    @Test
    void aClosedGuardRefusesTheRun() {
        guard.close();

        assertThatThrownBy(() -> guard.runFor(TaskOptions.daily("task_x"), LocalDate.of(2026, 3, 1), r -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Task 'task_x': this TaskGuard is closed; build a new one, or close it only at shutdown.");
    }
}
