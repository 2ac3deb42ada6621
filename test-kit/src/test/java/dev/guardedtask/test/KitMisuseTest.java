package dev.guardedtask.test;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.test.fixtures.KeyMismatchFixtures;
import dev.guardedtask.test.fixtures.LeftoverFixtures;
import dev.guardedtask.test.fixtures.MisuseFixtures;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Misuse the kit used to let pass silently, or reported with someone else's words: each fails saying what to do. */
class KitMisuseTest {

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    @Test
    void aTestThatReturnsWhileItsThreadIsStillInAGuardedBodyFailsNamingTheRunAndTheThread() throws Exception {
        LeftoverFixtures.ThreadStillRunning.release = new CountDownLatch(1);
        try {
            Events tests = run(LeftoverFixtures.ThreadStillRunning.class);

            tests.assertThatEvents().haveExactly(1, event(test("returnsWithoutJoiningItsThread"),
                    finishedWithFailure(instanceOf(AssertionError.class), message("GuardedTaskExtension: the test "
                            + "returned while 1 run(s) of its guard were still running 2 s later: task 'task_late' "
                            + "for 20260105 on thread 'late-worker'; the kit closes the guard under them (they would "
                            + "lose their lock, and their end would not be in runs). Wait for the work you started, "
                            + "e.g. join the thread or the future, before the test returns."))));
            assertThat(GuardedTasks.installed()).isEmpty(); // cleaned up all the same
        } finally {
            LeftoverFixtures.ThreadStillRunning.release.countDown();
            LeftoverFixtures.ThreadStillRunning.worker.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(LeftoverFixtures.ThreadStillRunning.worker.isAlive()).isFalse();
    }

    @Test
    void aTestThatReturnsBeforeItsAsynchronousCallCompletedFails() {
        LeftoverFixtures.FutureNotCompleted.stage = new CompletableFuture<>();
        try {
            run(LeftoverFixtures.FutureNotCompleted.class).assertThatEvents().haveExactly(1, event(
                    test("returnsWithoutWaitingForItsFuture"), finishedWithFailure(instanceOf(AssertionError.class),
                            message(text -> text.startsWith("GuardedTaskExtension: the test returned while 1 run(s) "
                                    + "of its guard were still running 2 s later: task 'task_async' for 20260105 on "
                                    + "thread '")
                                    && text.endsWith("join the thread or the future, before the test returns.")))));
        } finally {
            LeftoverFixtures.FutureNotCompleted.stage.complete(null);
        }
    }

    @Test
    void aTestThatJoinsItsThreadPasses() {
        run(LeftoverFixtures.ThreadJoined.class).assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void markCompletedOrHoldLockThatMissedTheCallsKeysFailsTheTestSayingWhatToPass() {
        Events tests = run(KeyMismatchFixtures.class);

        tests.assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
        tests.assertThatEvents().haveExactly(1, event(test("markCompletedWithoutTheCallsKey"), finishedWithFailure(
                instanceOf(AssertionError.class), message("TaskTester.markCompleted(\"task_keyed\", \"20260105\") was "
                        + "given no key, but the test's 1 call(s) of task 'task_keyed' all had a key ([acme]), so it "
                        + "had no effect on them; pass the key: TaskTester.markCompleted(\"task_keyed\", \"acme\", "
                        + "\"20260105\")."))));
        tests.assertThatEvents().haveExactly(1, event(test("holdLockWithAKeyTheCallsDoNotHave"), finishedWithFailure(
                instanceOf(AssertionError.class), message("TaskTester.holdLock(\"task_plain\", \"acme\", \"20260105\") "
                        + "was given key 'acme', but the test's 1 call(s) of task 'task_plain' had no key, so it had "
                        + "no effect on them; drop the key: TaskTester.holdLock(\"task_plain\", \"20260105\")."))));
        tests.assertThatEvents().haveExactly(1, event(test("markCompletedWithTheCallsKey"), finishedSuccessfully()));
    }

    @Test
    void theAnnotationAndAFieldOnOneClassFailSayingToUseOne() {
        run(MisuseFixtures.BothWays.class).assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
                message("GuardedTaskExtension: " + MisuseFixtures.BothWays.class.getName() + " has @GuardedTaskTest "
                        + "and the GuardedTaskExtension field " + MisuseFixtures.BothWays.class.getName() + ".tasks; "
                        + "use one of the two, not both: remove @GuardedTaskTest (from the class and its enclosing "
                        + "and super classes) and keep the field, to set the store, clock and configure in code, or "
                        + "remove the field and use the annotation's store, instant and zone."))));
    }

    @Test
    void aStoreChosenInConfigureFailsNamingConfigure() {
        run(MisuseFixtures.StoreInConfigure.class).assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(message(text -> text.startsWith("GuardedTaskExtension.configure chose a store "
                        + "(redis, redisson, inMemory, ...), and the kit chooses the store itself: TaskGuard.builder(): "
                        + "choose exactly one store, 2 were chosen")
                        && text.endsWith(" Remove the store from configure; pick the store with "
                        + "GuardedTaskExtension.inMemory(), .embeddedRedis() or .redis(uri) (or "
                        + "@GuardedTaskTest(store = ...)).")))));
    }
}
