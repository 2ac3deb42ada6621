package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys a {@code SCAN} found, in whatever order it found them, grouped by task. */
class ScannedTaskTest {

    private static final TaskKeys PLAIN = new TaskKeys("", KeyScheme.PLAIN);

    @Test
    void locksAreByDateThenKeyAndCompletedDatesNewestFirstWhateverTheScansOrder() {
        Map<String, ScannedTask> tasks = ScannedTask.group(List.of("success:report:20261126", "lock:report:20261128",
                "success:report:20261128", "lock:{report}:20261127", "lock:report:20261127", "success:report:20261127",
                "history:report", "lock:report", "stats:report", "lock:audit:20261101"), PLAIN);

        assertThat(tasks.keySet()).containsExactly("audit", "report");
        ScannedTask report = tasks.get("report");
        assertThat(report.locks()).extracting(TaskKeys.Parsed::redisKey)
                .containsExactly("lock:report:20261127", "lock:{report}:20261127", "lock:report:20261128");
        assertThat(report.completedDates()).containsExactly("20261128", "20261127", "20261126");
    }

    @Test
    void keyedLocksAreTheirTasksByDateThenKeyTheUnkeyedFirstAndKeyedCompletionsShowTheirDateOnce() {
        Map<String, ScannedTask> tasks = ScannedTask.group(List.of("lock:report#b:20261128", "lock:report#a:20261128",
                "lock:report:20261128", "lock:report#a:20261127", "lock:report#a", "success:report#a:20261126",
                "success:report#b:20261126", "success:report:20261125", "history:report"), PLAIN);

        assertThat(tasks.keySet()).containsExactly("report");
        assertThat(tasks.get("report").locks()).extracting(TaskKeys.Parsed::redisKey).containsExactly(
                "lock:report#a:20261127", "lock:report:20261128", "lock:report#a:20261128", "lock:report#b:20261128");
        assertThat(tasks.get("report").completedDates()).containsExactly("20261126", "20261125");
    }

    @Test
    void aTaskFoundOnlyInTheOtherFormIsReadInThatForm() {
        ScannedTask report = ScannedTask.group(List.of("history:{report}", "lock:{report}:20261128"), PLAIN).get("report");

        assertThat(report.keys()).isEqualTo(new TaskKeys("", KeyScheme.CLUSTER));
    }

    @Test
    void aTaskFoundInBothFormsIsReadInTheGuardsOwnWhicheverCameFirst() {
        assertThat(ScannedTask.group(List.of("history:{report}", "history:report"), PLAIN).get("report").keys())
                .isEqualTo(PLAIN);
        assertThat(ScannedTask.group(List.of("history:report", "history:{report}"), PLAIN).get("report").keys())
                .isEqualTo(PLAIN);
    }
}
