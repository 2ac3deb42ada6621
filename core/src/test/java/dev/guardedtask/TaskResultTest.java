package dev.guardedtask;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskResultTest {

    private final TaskResult result = new TaskResult("task_x", "20261128", "0a1b2c3d");

    @Test
    void aNewResultIsPendingWithTheBoilerplatesFields() {
        assertThat(result.toMap()).containsExactly(
                entry("task", "task_x"), entry("date", "20261128"), entry("task_id", "0a1b2c3d"),
                entry("status", "pending"), entry("errors", List.of()), entry("warnings", List.of()),
                entry("reason", null));
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
                "task", "date", "task_id", "status", "errors", "warnings", "reason", "processed", "flagged");
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
                + "\"reason\":\"quota_exceeded\",\"items\":1}");
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

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
