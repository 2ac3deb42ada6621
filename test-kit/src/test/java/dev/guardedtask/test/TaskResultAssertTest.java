package dev.guardedtask.test;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.guardedtask.test.TaskResultAssert.TASK_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TaskResultAssertTest {

    private final TaskGuard guard = TaskGuard.builder().inMemory()
            .clock(new SettableClock(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC)).build();

    @AfterEach
    void close() {
        guard.close();
    }

    private TaskResult success() {
        return guard.run(TaskOptions.daily("task_x").withKey("c1"), "20260105", result -> {
            result.add("rows", 3);
            result.warn("slow disk");
        });
    }

    @Test
    void passesOnWhatTheResultIs() {
        TaskResult result = success();
        TaskResultAssert.assertThat(result).isSuccess().hasDate("20260105").hasKey("c1").hasCount("rows", 3)
                .hasCount("never", 0).hasWarningContaining("slow");
        TaskResult skipped = guard.run(TaskOptions.daily("task_x").withKey("c1"), "20260105", ignored -> { });
        assertThat(List.of(skipped)).singleElement(TASK_RESULT).isSkipped(TaskResult.ALREADY_COMPLETED);
    }

    @Test
    void aFailedRunHasItsReasonAndError() {
        TaskError error = catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily("task_f"),
                "20260105", result -> {
                    result.error("no input file");
                    result.fail("no_input");
                }));

        TaskResultAssert.assertThat(error.result()).isFailed().isFailed("no_input").hasErrorContaining("no input");
        assertThatThrownBy(() -> TaskResultAssert.assertThat(error.result()).isFailed("exception"))
                .hasMessage("Expected the run of task 'task_f' for 20260105 to be failed with reason exception, "
                        + "but it is failed with reason no_input (errors [no input file])");
    }

    @Test
    void aFailureNamesTaskKeyDateAndTheActualStatus() {
        TaskResult result = success();
        assertThatThrownBy(() -> TaskResultAssert.assertThat(result).isSkipped(TaskResult.LOCK_HELD))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected the run of task 'task_x' key 'c1' for 20260105 to be skipped with reason "
                        + "lock_held, but it is success");
        assertThatThrownBy(() -> TaskResultAssert.assertThat(result).hasCount("rows", 4))
                .hasMessage("Expected the run of task 'task_x' key 'c1' for 20260105 to have count rows = 4, but it is 3");
        assertThatThrownBy(() -> TaskResultAssert.assertThat(result).hasDate("20260106"))
                .hasMessage("Expected the run of task 'task_x' key 'c1' for 20260105 to be for date 20260106, "
                        + "but it is for 20260105");
        assertThatThrownBy(() -> TaskResultAssert.assertThat(result).isFailed())
                .hasMessage("Expected the run of task 'task_x' key 'c1' for 20260105 to be failed, but it is success");
    }
}
