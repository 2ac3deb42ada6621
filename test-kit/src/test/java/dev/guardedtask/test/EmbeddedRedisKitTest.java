package dev.guardedtask.test;

import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit on the embedded redis-server: the same contract, over the wire. */
@GuardedTaskTest(store = GuardedTaskTest.Store.EMBEDDED_REDIS)
class EmbeddedRedisKitTest extends TaskTesterContract {

    @Test
    void aHeldLockIsARealLockInRedisThatTheOperatorSees(TaskTester tester) {
        try (HeldLock ignored = tester.holdLock(DAILY, "20260105")) {
            TaskOperator.Lock lock = tester.guard().operator().lock(DAILY, "20260105");
            assertThat(lock).isNotNull();
            assertThat(lock.task()).isEqualTo(DAILY);
            assertThat(lock.date()).isEqualTo("20260105");
        }
        assertThat(tester.guard().operator().lock(DAILY, "20260105")).isNull();
    }

    @Test
    void markCompletedWritesTheSuccessKeyThroughTheOperator(TaskTester tester) {
        tester.markCompleted(DAILY, "20260105");

        assertThat(daily(DAILY, "20260105").reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
    }
}
