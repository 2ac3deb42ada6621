package dev.guardedtask.internal;

import dev.guardedtask.TaskOperator.Run;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** History entries another writer (or a hand) added, read without failing: what is missing or malformed is absent. */
class HistoryEntryTest {

    @Test
    void errorsAndWarningsNumberedZeroOrNotByANumberAndACounterWithoutANameAreLeftOut() {
        Run run = HistoryEntry.read("report", "1-0", Map.of("kind", "run", "error.0", "zero", "error.x", "x",
                "error.1", "first", "warning.0", "w0", "count.", "5", "count.rows", "2"));

        assertThat(run.errors()).containsExactly("first");
        assertThat(run.warnings()).isEmpty();
        assertThat(run.counters()).isEqualTo(Map.of("rows", 2L));
    }

    @Test
    void aRunWithoutStartOrEndHasNeitherAndNoDuration() {
        Run run = HistoryEntry.read("report", "1-0", Map.of("kind", "run", "status", "success"));

        assertThat(run.started()).isNull();
        assertThat(run.ended()).isNull();
        assertThat(run.duration()).isNull();
    }

    @Test
    void aRunWithOnlyOneOfStartAndEndHasNoDuration() {
        Run started = HistoryEntry.read("report", "1-0", Map.of("kind", "run", "started", "1000"));
        Run ended = HistoryEntry.read("report", "1-0", Map.of("kind", "run", "ended", "4500"));

        assertThat(started.started()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(started.duration()).isNull();
        assertThat(ended.ended()).isEqualTo(Instant.ofEpochMilli(4500));
        assertThat(ended.duration()).isNull();
    }

    @Test
    void timesAndTokensThatAreNotNumbersReadAsAbsent() {
        Run run = HistoryEntry.read("report", "1-0", Map.of("kind", "run", "started", "soon", "ended", "4500",
                "fencing_token", "seven"));

        assertThat(run.started()).isNull();
        assertThat(run.ended()).isEqualTo(Instant.ofEpochMilli(4500));
        assertThat(run.fencingToken()).isZero();
        assertThat(run.errors()).isEqualTo(List.of());
    }
}
