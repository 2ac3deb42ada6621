package dev.guardedtask.micrometer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/operations.md, "Metrics and traces", lists the names the code uses, each as a row of its tables. */
class DocsTest {

    private static String section() throws IOException {
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        int start = operations.indexOf("\n## Metrics and traces\n");
        assertThat(start).as("the section").isPositive();
        int end = operations.indexOf("\n## ", start + 1);
        return operations.substring(start, end);
    }

    @Test
    void everyMeterAndTheObservationHaveARow() throws IOException {
        String section = section();

        for (String name : List.of(TaskMetrics.RUNS, TaskMetrics.DURATION, TaskMetrics.ACTIVE, TaskMetrics.LOCK_LOST,
                TaskMetrics.STORE_ERRORS, TaskMetrics.LAST_SUCCESS)) {
            assertThat(section).as(name).contains("\n| `" + name + "` | `" + name.replace('.', '_'));
        }
        assertThat(section).contains("named `" + TaskObservations.NAME + "`")
                .contains("`" + TaskObservations.LOCK_LOST.getName() + "`")
                .contains("`" + TaskObservations.STORE_ERROR.getName() + "`");
    }
}
