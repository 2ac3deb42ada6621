package dev.guardedtask.test;

import dev.guardedtask.TaskResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.guardedtask.test.TaskResultAssert.TASK_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

/** The kit on an in-memory guard (the default). */
@GuardedTaskTest
class InMemoryKitTest extends TaskTesterContract {

    @Test
    void advancingTheClockPastTheLockTimeoutFreesAHeldLockAsACrashedWorkersWouldBe(TaskTester tester) {
        try (HeldLock lock = tester.holdLock(DAILY, "20260105")) {
            tester.clock().advance(Duration.ofSeconds(299));
            daily(DAILY, "20260105");
            tester.clock().advance(Duration.ofSeconds(2)); // 301 s: past the default lock timeout of 300 s
            daily(DAILY, "20260105");

            assertThat(lock.isHeld()).isTrue(); // its run still waits for release(), but its lock expired
        }
        assertThat(tester.runs(DAILY)).hasSize(2);
        assertThat(tester.runs(DAILY).get(0)).asInstanceOf(TASK_RESULT).isSkipped(TaskResult.LOCK_HELD);
        assertThat(tester.runs(DAILY).get(1)).asInstanceOf(TASK_RESULT).isSuccess();
        assertThat(bodies).hasValue(1);
    }

    @Test
    void theGuardIsInMemory(TaskTester tester) {
        assertThat(tester).hasToString("TaskTester[SettableClock[2026-01-05T09:00:00Z, UTC], memory]");
    }
}
