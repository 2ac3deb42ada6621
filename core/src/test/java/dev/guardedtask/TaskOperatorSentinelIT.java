package dev.guardedtask;

import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Released;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The operator API through Redisson's Sentinel client: it reads and writes the primary. */
class TaskOperatorSentinelIT {

    @RegisterExtension
    static final RedisSentinelExtension redis = new RedisSentinelExtension();

    static final String DAY = TestClocks.TODAY;

    @Test
    void tasksRunsAndWritesGoToThePrimary() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .workerName("worker-1").build()) {
            TaskResult run = guard.run(TaskOptions.daily("report"), DAY, result -> { });
            redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofMinutes(1));
            TaskOperator operator = guard.operator().as("alice");

            assertThat(operator.tasks()).extracting(Task::name, Task::successes, Task::completedDates)
                    .containsExactly(tuple("legacy", 0L, List.of()), tuple("report", 1L, List.of(DAY)));
            assertThat(operator.release("legacy", DAY, true)).isEqualTo(Released.RELEASED);
            assertThat(operator.forget("report", DAY)).isTrue();
            assertThat(operator.runs("report", null, null, 20)).extracting(Run::action, Run::taskId)
                    .containsExactly(tuple(Action.FORGET, null), tuple(Action.RUN, run.taskId()));
            assertThat(redis.keyspace()).isEmpty();
        }
    }
}
