package dev.guardedtask;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainReportTest {

    private static TaskResult result(String task, TaskStatus status, String reason) {
        TaskResult result = new TaskResult(task, "20261128", "0a1b2c3d");
        switch (status) {
            case SUCCESS -> result.succeed();
            case SKIPPED -> result.skip(reason);
            case FAILED -> result.fail(reason);
            case PENDING -> { }
        }
        return result;
    }

    private static ChainReport report(TaskResult... results) {
        Map<String, TaskResult> byId = new LinkedHashMap<>();
        for (TaskResult result : results) {
            byId.put(result.task(), result);
        }
        return new ChainReport("20261128", byId);
    }

    @Test
    void successAndAlreadyCompletedAreDoneAndNothingElseIs() {
        assertThat(ChainReport.done(result("a", TaskStatus.SUCCESS, null))).isTrue();
        assertThat(ChainReport.done(result("a", TaskStatus.SKIPPED, "already_completed"))).isTrue();
        assertThat(ChainReport.done(result("a", TaskStatus.SKIPPED, "lock_held"))).isFalse();
        assertThat(ChainReport.done(result("a", TaskStatus.SKIPPED, "dependency_not_met"))).isFalse();
        assertThat(ChainReport.done(result("a", TaskStatus.FAILED, "already_completed"))).isFalse();
        assertThat(ChainReport.done(result("a", TaskStatus.PENDING, null))).isFalse();
    }

    @Test
    void aChainSucceedsOnlyIfEveryStepIsDone() {
        TaskResult success = result("a", TaskStatus.SUCCESS, null);
        TaskResult completed = result("b", TaskStatus.SKIPPED, "already_completed");
        TaskResult held = result("c", TaskStatus.SKIPPED, "lock_held");

        assertThat(report(success, completed).succeeded()).isTrue();
        assertThat(report(success, completed, held).succeeded()).isFalse();
        assertThat(report(held, success).succeeded()).isFalse();
    }

    @Test
    void theOneLineNamesEachStepWithItsStatusAndReasonIfAny() {
        ChainReport report = report(result("a", TaskStatus.SUCCESS, null),
                result("b", TaskStatus.SKIPPED, "already_completed"));
        ChainReport failed = report(result("a", TaskStatus.FAILED, "quota"));

        assertThat(report).hasToString("Chain for 20261128 succeeded: a=success b=skipped(already_completed)");
        assertThat(failed).hasToString("Chain for 20261128 did not succeed: a=failed(quota)");
    }

    @Test
    void theMapHasDateSucceededThenEachStepsResultMap() {
        TaskResult a = result("a", TaskStatus.SUCCESS, null);
        ChainReport report = report(a);

        assertThat(report.toMap()).containsExactly(Map.entry("date", "20261128"), Map.entry("succeeded", true),
                Map.entry("steps", Map.of("a", a.toMap())));
        assertThat(report.toJson()).isEqualTo("{\"date\":\"20261128\",\"succeeded\":true,\"steps\":{\"a\":"
                + a.toJson() + "}}");
    }

    @Test
    void resultsAreACopyInTheirOrderAndCannotBeChanged() {
        Map<String, TaskResult> results = new LinkedHashMap<>();
        results.put("b", result("b", TaskStatus.SUCCESS, null));
        results.put("a", result("a", TaskStatus.SUCCESS, null));
        ChainReport report = new ChainReport("20261128", results);
        results.clear();

        assertThat(report.results().keySet()).containsExactly("b", "a");
        assertThat(report.date()).isEqualTo("20261128");
        assertThatThrownBy(() -> report.results().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
