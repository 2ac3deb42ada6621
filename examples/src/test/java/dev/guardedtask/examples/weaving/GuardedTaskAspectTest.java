package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static dev.guardedtask.examples.weaving.TestGuards.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a caller of a woven {@code @GuardedTask} method sees, on a real Redis. */
class GuardedTaskAspectTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final InstalledGuard guard = new InstalledGuard(redis);

    private final ReportJobs jobs = new ReportJobs();

    @Test
    void dailyTaskRunsOnceThenIsSkippedAsAlreadyCompleted() {
        TaskResult first = jobs.report(null);
        TaskResult second = jobs.report(null);

        assertThat(jobs.runs).hasValue(1);
        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(first.count("sent")).isEqualTo(1);
        assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(redis.keyspace()).containsExactly("success:report:" + TODAY + "=completed");
    }

    @Test
    void foreignLockSkipsWithLockHeldAndSurvives() {
        redis.set("lock:report:" + TODAY, "deadbeef", Duration.ofMinutes(1));

        TaskResult result = jobs.report(null);

        assertThat(jobs.runs).hasValue(0);
        assertThat(result.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(redis.keyspace()).containsExactly("lock:report:" + TODAY + "=deadbeef");
        assertThat(redis.pttl("lock:report:" + TODAY)).isBetween(1L, 60_000L);
    }

    @Test
    void recurringTaskRunsOnEveryCallAndWritesNoSuccessKey() {
        for (int call = 0; call < 3; call++) {
            assertThat(jobs.odds(null).status()).isEqualTo(TaskStatus.SUCCESS);
        }

        assertThat(jobs.runs).hasValue(3);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void stringTaskDateIsTheDateOfTheRun() {
        TaskResult march = jobs.onDate("20260301", null);
        TaskResult marchAgain = jobs.onDate("20260301", null);
        TaskResult april = jobs.onDate("20260401", null);

        assertThat(jobs.runs).hasValue(2);
        assertThat(march.date()).isEqualTo("20260301");
        assertThat(marchAgain.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(april.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.keyspace()).containsExactly(
                "success:dated:20260301=completed", "success:dated:20260401=completed");
    }

    @Test
    void localDateTaskDateIsTheDateOfTheRun() {
        TaskResult result = jobs.onLocalDate("label", null, 1, LocalDate.of(2026, 3, 1));

        assertThat(result.date()).isEqualTo("20260301");
        assertThat(redis.keyspace()).containsExactly("success:dated:20260301=completed");
    }

    @Test
    void localDateTaskDateBefore1000IsZeroPadded() {
        TaskResult result = jobs.onLocalDate("label", null, 1, LocalDate.of(999, 3, 1));

        assertThat(result.date()).isEqualTo("09990301");
        assertThat(redis.keyspace()).containsExactly("success:dated:09990301=completed");
    }

    @Test
    void localDateTaskDateWithoutAnEightDigitFormFailsBeforeRedis() {
        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> jobs.onLocalDate("label", null, 1, LocalDate.of(10_000, 1, 1)));

        assertThat(error).hasMessage("Task 'dated': date +10000-01-01 has no YYYYMMDD form; pass a date in the "
                + "years 0000 to 9999.");
        assertThat(jobs.runs).hasValue(0);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void nullTaskDateIsTodayOnTheGuardsClock() {
        assertThat(jobs.onDate(null, null).date()).isEqualTo(TODAY);
        assertThat(jobs.onLocalDate("label", null, 1, null).reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);

        assertThat(jobs.runs).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:dated:" + TODAY + "=completed");
    }

    @Test
    void malformedTaskDateFailsBeforeRedisAndNamesTaskAndValue() {
        Map<String, Long> before = redis.commandCalls();

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> jobs.onDate("2026-03-01", null));

        assertThat(error).hasMessageContaining("'dated'").hasMessageContaining("'2026-03-01'")
                .hasMessageContaining("YYYYMMDD");
        assertThat(jobs.runs).hasValue(0);
        assertThat(redis.commandsSince(before)).isEmpty();
    }

    @Test
    void callerPassedNullIsReplacedByTheLiveResultWhichIsReturned() {
        TaskResult returned = jobs.report(null);

        assertThat(jobs.injected).isSameAs(returned);
        assertThat(returned.task()).isEqualTo("report");
    }

    @Test
    void callerPassedResultIsReplacedByTheLiveResultWhichIsReturned() {
        TaskResult foreign = guard.get().run(TaskOptions.recurring("elsewhere"), null, r -> { });

        TaskResult returned = jobs.onLocalDate("label", foreign, 1, null);

        assertThat(returned).isNotSameAs(foreign).isSameAs(jobs.injected);
        assertThat(returned.task()).isEqualTo("dated");
        assertThat(foreign.task()).isEqualTo("elsewhere");
    }

    @Test
    void voidMethodRunsOnceAndReturnsNormallyWhenSkipped() {
        jobs.reportVoid();
        jobs.reportVoid();

        assertThat(jobs.runs).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:report:" + TODAY + "=completed");
    }

    @Test
    void optionalMethodReturnsTheValueThenEmptyWhenSkipped() {
        assertThat(jobs.maybe()).contains("found");
        assertThat(jobs.maybe()).isEmpty();
        assertThat(jobs.runs).hasValue(1);
    }

    @Test
    void otherReferenceTypeReturnsTheValueThenNullWhenSkipped() {
        assertThat(jobs.count()).isEqualTo(42L);
        assertThat(jobs.count()).isNull();
        assertThat(jobs.runs).hasValue(1);
    }

    @Test
    void exceptionPropagatesAsTaskErrorWithCauseAndReleasesTheLock() {
        TaskError error = catchThrowableOfType(TaskError.class, () -> jobs.failing(null));

        assertThat(error.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("feed unavailable");
        assertThat(error).hasMessageContaining("'failing'").hasMessageContaining(TODAY);
        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().count("before_failure")).isEqualTo(1);
        assertThat(redis.keyspace()).isEmpty();

        catchThrowableOfType(TaskError.class, () -> jobs.failing(null));
        assertThat(jobs.runs).hasValue(2);
    }

    @Test
    void failedResultPropagatesAsTaskErrorAndMarksNothing() {
        TaskError error = catchThrowableOfType(TaskError.class, () -> jobs.failsResult(null));

        assertThat(error.getCause()).isNull();
        assertThat(error.result().reason()).isEqualTo("no_data");
        assertThat(jobs.runs).hasValue(1);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void withoutInstalledGuardTheCallFailsAndSaysHowToInstallOne() {
        GuardedTasks.uninstall();
        Map<String, Long> before = redis.commandCalls();

        TaskError error = catchThrowableOfType(TaskError.class, () -> jobs.report(null));

        assertThat(error).hasMessageContaining("'report'").hasMessageContaining("GuardedTasks.install");
        assertThat(jobs.runs).hasValue(0);
        assertThat(redis.commandsSince(before)).isEmpty();
    }

    @Test
    void installReplacesTheGuardBefore() {
        try (TaskGuard other = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build()) {
            GuardedTasks.install(other);
            jobs.report(null);
        }

        assertThat(jobs.runs).hasValue(1);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void skippedOptionalIsEmptyNotNull() {
        redis.set("lock:maybe:" + TODAY, "deadbeef", Duration.ofMinutes(1));

        Optional<String> value = jobs.maybe();

        assertThat(value).isEmpty();
        assertThat(jobs.runs).hasValue(0);
    }
}
