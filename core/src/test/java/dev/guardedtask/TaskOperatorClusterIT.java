package dev.guardedtask;

import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Released;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import dev.guardedtask.testsupport.topology.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The operator API on a real Redis Cluster (3 masters + 3 replicas) with the cluster key scheme: tasks whose
 * slots are on every master are all found (the scan covers each master), their locks read, and each write,
 * one script on the task's slot, works and is recorded.
 */
class TaskOperatorClusterIT {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    static final String DAY = TestClocks.TODAY;

    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
            .workerName("worker-1").build();
    private final TaskOperator operator = guard.operator().as("alice@ops");

    @AfterEach
    void close() {
        guard.close();
    }

    /** One task name per master, found by the slots of their hash tags. */
    private static List<String> oneTaskPerMaster() {
        Map<RedisProcess, String> byMaster = new LinkedHashMap<>();
        IntStream.range(0, 100).mapToObj(i -> "task_" + i)
                .forEach(name -> byMaster.putIfAbsent(redis.cluster().masterOf("{" + name + "}"), name));
        assertThat(byMaster).hasSize(3);
        return byMaster.values().stream().sorted().toList();
    }

    @Test
    void tasksOnEveryMasterAreFoundWithTheirRunsLocksAndCompletions() {
        List<String> names = oneTaskPerMaster();
        TaskResult first = guard.run(TaskOptions.daily(names.get(0)), DAY, result -> result.add("rows", 4));
        catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily(names.get(1)), DAY,
                result -> result.fail("upstream_down")));
        redis.set("lock:{" + names.get(2) + "}:" + DAY, "ab12cd34", Duration.ofMinutes(1));

        List<Task> tasks = operator.tasks();

        assertThat(tasks).extracting(Task::name, task -> task.lastRun() == null ? null : task.lastRun().status(),
                        Task::successes, Task::failures, Task::completedDates)
                .containsExactly(tuple(names.get(0), TaskStatus.SUCCESS, 1L, 0L, List.of(DAY)),
                        tuple(names.get(1), TaskStatus.FAILED, 0L, 1L, List.of()),
                        tuple(names.get(2), null, 0L, 0L, List.of()));
        assertThat(tasks.get(0).lastRun().counters()).isEqualTo(Map.of("rows", 4L));
        assertThat(tasks.get(0).lastRun().taskId()).isEqualTo(first.taskId());
        assertThat(operator.locks()).extracting(Lock::task, Lock::date, Lock::taskId, Lock::worker)
                .containsExactly(tuple(names.get(2), DAY, "ab12cd34", null));
    }

    @Test
    void eachWriteIsOneScriptOnTheTasksSlotAndIsRecorded() {
        List<String> names = oneTaskPerMaster();
        guard.run(TaskOptions.daily(names.get(0)), DAY, result -> { });
        redis.set("lock:{" + names.get(1) + "}:" + DAY, "ab12cd34", Duration.ofMinutes(1));

        assertThat(operator.forget(names.get(0), DAY)).isTrue();
        assertThat(operator.release(names.get(1), DAY, false)).isEqualTo(Released.LIVE);
        assertThat(operator.release(names.get(1), DAY, true)).isEqualTo(Released.RELEASED);
        operator.complete(names.get(2), DAY);

        assertThat(redis.keyspace()).containsExactly("success:{" + names.get(2) + "}:" + DAY + "=completed");
        assertThat(operator.runs(names.get(0), null, null, 20)).extracting(Run::action, Run::by)
                .containsExactly(tuple(Action.FORGET, "alice@ops"), tuple(Action.RUN, null));
        assertThat(operator.runs(names.get(1), null, null, 20)).extracting(Run::action, Run::taskId, Run::forced)
                .containsExactly(tuple(Action.RELEASE, "ab12cd34", true));
        assertThat(operator.runs(names.get(2), DAY, null, 20)).extracting(Run::action).containsExactly(Action.COMPLETE);
    }

    @Test
    void aKeyedRunsLockIsListedWithItsKeyAndReleasedCompletedAndForgottenOnItsTasksSlot() {
        List<String> names = oneTaskPerMaster();
        String task = names.get(1);
        redis.set("lock:{" + task + "}#tenant-7:" + DAY, "ab12cd34", Duration.ofMinutes(1));

        assertThat(operator.locks()).extracting(Lock::task, Lock::key, Lock::date, Lock::taskId)
                .containsExactly(tuple(task, "tenant-7", DAY, "ab12cd34"));
        assertThat(operator.tasks()).singleElement().extracting(Task::name, task1 -> task1.running().size())
                .containsExactly(task, 1);
        assertThat(operator.lock(task, "tenant-7", DAY).taskId()).isEqualTo("ab12cd34");
        assertThat(operator.lock(task, DAY)).isNull();

        assertThat(operator.release(task, "tenant-7", DAY, true)).isEqualTo(Released.RELEASED);
        operator.complete(task, "tenant-7", DAY);
        assertThat(redis.keyspace()).containsExactly("success:{" + task + "}#tenant-7:" + DAY + "=completed");
        assertThat(operator.forget(task, "tenant-7", DAY)).isTrue();

        assertThat(redis.keyspace()).isEmpty();
        assertThat(operator.runs(task, "tenant-7", null, null, 20)).extracting(Run::action, Run::key, Run::date)
                .containsExactly(tuple(Action.FORGET, "tenant-7", DAY), tuple(Action.COMPLETE, "tenant-7", DAY),
                        tuple(Action.RELEASE, "tenant-7", DAY));
    }
}
