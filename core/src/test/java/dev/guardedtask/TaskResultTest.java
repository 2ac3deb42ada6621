package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TaskResultTest {

    private final TaskResult result = new TaskResult("task_x", "20261128", "0a1b2c3d");

    @Test
    void aNewResultIsPendingWithTheBoilerplatesFields() {
        assertThat(result.toMap()).containsExactly(
                entry("task", "task_x"), entry("date", "20261128"), entry("task_id", "0a1b2c3d"),
                entry("status", "pending"), entry("errors", List.of()), entry("warnings", List.of()),
                entry("reason", null), entry("fencing_token", 0L));
    }

    @Test
    void countersFollowTheStandardFieldsInCreationOrder() {
        result.increment("processed");
        result.add("flagged", 3);
        result.increment("processed");
        result.add("flagged", -1);

        assertThat(result.count("processed")).isEqualTo(2);
        assertThat(result.count("never")).isZero();
        assertThat(result.toMap().keySet()).containsExactly(
                "task", "date", "task_id", "status", "errors", "warnings", "reason", "fencing_token", "processed",
                "flagged");
        assertThat(result.toMap().get("flagged")).isEqualTo(2L);
    }

    @Test
    void toJsonWritesEveryFieldAndEscapesStrings() {
        result.error("bad \"quote\"\nline");
        result.warn("tab\there");
        result.increment("items");
        result.fail("quota_exceeded");

        assertThat(result.toJson()).isEqualTo("{\"task\":\"task_x\",\"date\":\"20261128\",\"task_id\":\"0a1b2c3d\","
                + "\"status\":\"failed\",\"errors\":[\"bad \\\"quote\\\"\\nline\"],\"warnings\":[\"tab\\there\"],"
                + "\"reason\":\"quota_exceeded\",\"fencing_token\":0,\"items\":1}");
    }

    @Test
    void toMapIsASnapshot() {
        var before = result.toMap();
        result.warn("later");

        assertThat(before.get("warnings")).isEqualTo(List.of());
    }

    @Test
    void aResultSurvivesSerializationInsideItsTaskError() throws Exception {
        result.increment("items");
        result.fail("quota_exceeded");
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(TaskError.failed(result, null));
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            TaskError copy = (TaskError) in.readObject();

            assertThat(copy.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(copy.result().toJson()).isEqualTo(result.toJson());
        }
    }

    @Test
    void aSecondFailureKeepsTheFirstReasonAndAddsItsError() {
        result.fail("quota_exceeded");
        result.failWith(TaskResult.EXCEPTION, "java.io.IOException: disk full");

        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.reason()).isEqualTo("quota_exceeded");
        assertThat(result.errors()).containsExactly("java.io.IOException: disk full");
    }

    @Test
    void toStringIsTheJson() {
        result.increment("items");

        assertThat(result).hasToString(result.toJson());
    }

    @Test
    void nullTextsAndStandardFieldsAsCountersAreRefusedNamingTheTask() {
        assertThatThrownBy(() -> result.error(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': error(message) got null; pass a text.");
        assertThatThrownBy(() -> result.warn(null)).hasMessage("Task 'task_x': warn(message) got null; pass a text.");
        assertThatThrownBy(() -> result.fail(null)).hasMessage("Task 'task_x': fail(reason) got null; pass a text.");
        assertThatThrownBy(() -> result.add(null, 1)).hasMessage("Task 'task_x': counter name got null; pass a text.");
        for (String field : List.of("task", "date", "task_id", "status", "errors", "warnings", "reason",
                "fencing_token")) {
            assertThatThrownBy(() -> result.increment(field)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Task 'task_x': counter name '" + field + "' is a standard result field; "
                            + "choose another name, e.g. '" + field + "_count'.");
        }
        assertThat(result.toMap()).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankReasonsAndCounterNamesAreRefusedAndLeaveTheResultAsItWas(String blank) {
        assertThatThrownBy(() -> result.fail(blank)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': fail(reason) got '" + blank + "', a blank text; pass a reason that says "
                        + "why the run failed, e.g. 'quota_exceeded'.");
        assertThatThrownBy(() -> result.increment(blank)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': counter name got '" + blank + "', a blank text; pass a name that says "
                        + "what it counts, e.g. 'reports_sent'.");
        assertThat(result.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(result.reason()).isNull();
        assertThat(result.toMap()).hasSize(8);
    }

    @Test
    void aBodyFailingWithABlankReasonFailsTheRunWithTheMessageAndRecordsNoSuccess() {
        AtomicInteger runs = new AtomicInteger();
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build()) {
            TaskError error = catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily("task_x"), null, r -> {
                runs.incrementAndGet();
                r.fail(" ");
            }));
            guard.run(TaskOptions.daily("task_x"), null, r -> runs.incrementAndGet());

            assertThat(error.result().reason()).isEqualTo(TaskResult.EXCEPTION);
            assertThat(error.getCause()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Task 'task_x': fail(reason) got ' ', a blank text;");
            assertThat(runs).hasValue(2);
        }
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
