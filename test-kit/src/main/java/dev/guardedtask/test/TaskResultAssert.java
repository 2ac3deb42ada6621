package dev.guardedtask.test;

import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.InstanceOfAssertFactory;

import java.util.Locale;
import java.util.Objects;

/**
 * AssertJ assertions on a {@link TaskResult}; a failure names the result's task, key, date, status and reason.
 *
 * <pre>{@code
 * assertThat(tester.runs("task_daily_report")).singleElement(TASK_RESULT).isSkipped(TaskResult.LOCK_HELD);
 * TaskResultAssert.assertThat(result).isSuccess().hasDate("20260105").hasCount("reports_sent", 1);
 * }</pre>
 *
 * Not thread-safe (as AssertJ's assertions): use each on one thread.
 */
public final class TaskResultAssert extends AbstractObjectAssert<TaskResultAssert, TaskResult> {

    /** For AssertJ's navigation: {@code assertThat(list).singleElement(TASK_RESULT)}, {@code .first(TASK_RESULT)}. */
    public static final InstanceOfAssertFactory<TaskResult, TaskResultAssert> TASK_RESULT =
            new InstanceOfAssertFactory<>(TaskResult.class, TaskResultAssert::assertThat);

    private TaskResultAssert(TaskResult actual) {
        super(actual, TaskResultAssert.class);
    }

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the result to check; {@code null} fails every assertion
     * @return the assertions
     */
    public static TaskResultAssert assertThat(TaskResult actual) {
        return new TaskResultAssert(actual);
    }

    /**
     * The run succeeded: status {@code success}.
     *
     * @return this assertion, for chaining
     */
    public TaskResultAssert isSuccess() {
        return hasStatus(TaskStatus.SUCCESS, null, false);
    }

    /**
     * The body did not run: status {@code skipped} with {@code reason}, e.g. {@link TaskResult#ALREADY_COMPLETED},
     * {@link TaskResult#LOCK_HELD}, {@link TaskResult#DEPENDENCY_NOT_MET}.
     *
     * @param reason the expected reason
     * @return this assertion, for chaining
     */
    public TaskResultAssert isSkipped(String reason) {
        return hasStatus(TaskStatus.SKIPPED, reason, true);
    }

    /**
     * The run failed, whatever its reason.
     *
     * @return this assertion, for chaining
     */
    public TaskResultAssert isFailed() {
        return hasStatus(TaskStatus.FAILED, null, false);
    }

    /**
     * The run failed with {@code reason}, e.g. {@link TaskResult#EXCEPTION} or the body's {@code fail(reason)}.
     *
     * @param reason the expected reason
     * @return this assertion, for chaining
     */
    public TaskResultAssert isFailed(String reason) {
        return hasStatus(TaskStatus.FAILED, reason, true);
    }

    private TaskResultAssert hasStatus(TaskStatus status, String reason, boolean checkReason) {
        isNotNull();
        if (actual.status() != status || checkReason && !Objects.equals(actual.reason(), reason)) {
            String expected = status.name().toLowerCase(Locale.ROOT)
                    + (checkReason ? " with reason " + reason : "");
            failWithMessage("Expected %s to be %s, but it is %s", describe(), expected, statusText());
        }
        return this;
    }

    /**
     * The run was for {@code date}, {@code YYYYMMDD}.
     *
     * @param date the expected date, {@code YYYYMMDD}
     * @return this assertion, for chaining
     */
    public TaskResultAssert hasDate(String date) {
        isNotNull();
        if (!Objects.equals(actual.date(), date)) {
            failWithMessage("Expected %s to be for date %s, but it is for %s", describe(), date, actual.date());
        }
        return this;
    }

    /**
     * The run had key {@code key} ({@code null}: no key).
     *
     * @param key the expected key, or {@code null}
     * @return this assertion, for chaining
     */
    public TaskResultAssert hasKey(String key) {
        isNotNull();
        if (!Objects.equals(actual.key(), key)) {
            failWithMessage("Expected %s to have key %s, but it has %s", describe(), key, actual.key());
        }
        return this;
    }

    /**
     * The run's counter {@code name} is {@code n} (a counter never set is 0).
     *
     * @param name the counter's name
     * @param n its expected value
     * @return this assertion, for chaining
     */
    public TaskResultAssert hasCount(String name, long n) {
        isNotNull();
        if (actual.count(name) != n) {
            failWithMessage("Expected %s to have count %s = %s, but it is %s", describe(), name, n, actual.count(name));
        }
        return this;
    }

    /**
     * One of the run's warnings contains {@code text}.
     *
     * @param text the text to find
     * @return this assertion, for chaining
     */
    public TaskResultAssert hasWarningContaining(String text) {
        isNotNull();
        if (actual.warnings().stream().noneMatch(warning -> warning.contains(text))) {
            failWithMessage("Expected %s to have a warning containing '%s', but its warnings are %s", describe(), text,
                    actual.warnings());
        }
        return this;
    }

    /**
     * One of the run's errors contains {@code text}.
     *
     * @param text the text to find
     * @return this assertion, for chaining
     */
    public TaskResultAssert hasErrorContaining(String text) {
        isNotNull();
        if (actual.errors().stream().noneMatch(error -> error.contains(text))) {
            failWithMessage("Expected %s to have an error containing '%s', but its errors are %s", describe(), text,
                    actual.errors());
        }
        return this;
    }

    private String describe() {
        return "the run of task '" + actual.task() + "'" + (actual.key() == null ? "" : " key '" + actual.key() + "'")
                + " for " + actual.date();
    }

    private String statusText() {
        return actual.status().name().toLowerCase(Locale.ROOT)
                + (actual.reason() == null ? "" : " with reason " + actual.reason())
                + (actual.errors().isEmpty() ? "" : " (errors " + actual.errors() + ")");
    }
}
