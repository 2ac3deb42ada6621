package dev.guardedtask.test;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.test.fixtures.LendingFixture;
import dev.guardedtask.test.fixtures.MisuseFixtures;
import dev.guardedtask.test.fixtures.ParallelFixtures;
import dev.guardedtask.test.fixtures.SequentialFixture;
import dev.guardedtask.test.fixtures.ThrowingFixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** The extension as JUnit runs it: in parallel, sequentially, with a test that throws, misconfigured. */
class KitIsolationTest {

    private static EngineTestKit.Builder jupiter() {
        return EngineTestKit.engine("junit-jupiter");
    }

    @Test
    void parallelTestClassesEachSeeOnlyTheirOwnRunsAndAllPass() {
        ParallelFixtures.allStarted = new CountDownLatch(4);

        Events tests = jupiter()
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ParallelFixtures.First.class), selectClass(ParallelFixtures.Second.class))
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.started(4).succeeded(4).failed(0));
        assertThat(ParallelFixtures.allStarted.getCount()).isZero();
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void theGuardIsLentToBeforeEachTestTemplateFactoryDynamicAfterEachAndNestedMethods() {
        jupiter().configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .selectors(selectClass(LendingFixture.class)).execute().testEvents()
                .assertStatistics(stats -> stats.started(6).succeeded(6).failed(0));
    }

    @Test
    void sequentiallyTheGuardIsInstalledForTheTestAndTheOneBeforeIsInstalledAgain() {
        TaskGuard before = TaskGuard.builder().inMemory()
                .clock(new SettableClock(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC)).build();
        GuardedTasks.install(before);
        try {
            jupiter().selectors(selectClass(SequentialFixture.class)).execute().testEvents()
                    .assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));

            assertThat(SequentialFixture.seen).isNotNull().isNotSameAs(before);
            assertThat(GuardedTasks.installed()).containsSame(before);
        } finally {
            GuardedTasks.uninstall();
            before.close();
        }
    }

    @Test
    void sequentiallyWithNothingInstalledBeforeNothingIsInstalledAfter() {
        jupiter().selectors(selectClass(SequentialFixture.class)).execute().testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));

        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void aLockHeldByATestThatThrowsIsReleasedBeforeTheNextTest() {
        Events tests = jupiter().selectors(selectClass(ThrowingFixture.class)).execute().testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("throwsWhileHoldingALock"),
                finishedWithFailure(instanceOf(IllegalStateException.class),
                        message("the test threw while holding a lock"))));
        assertThat(ThrowingFixture.abandoned.isHeld()).isFalse();
    }

    @Test
    void aBadInstantFailsTheTestNamingTheAttributeTheValueAndTheForm() {
        jupiter().selectors(selectClass(MisuseFixtures.BadInstant.class)).execute().testEvents()
                .assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(message(
                        "@GuardedTaskTest(instant = \"2026-01-05 09:00\") on " + MisuseFixtures.BadInstant.class.getName()
                                + ": not an ISO-8601 instant; give e.g. instant = \"2026-01-05T09:00:00Z\" (UTC, with "
                                + "the Z) or \"2026-01-05T09:00:00+01:00\"."))));
    }

    @Test
    void aBadZoneFailsTheTestNamingTheAttributeTheValueAndTheForm() {
        jupiter().selectors(selectClass(MisuseFixtures.BadZone.class)).execute().testEvents()
                .assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(message(
                        "@GuardedTaskTest(zone = \"Mars/Olympus\") on " + MisuseFixtures.BadZone.class.getName()
                                + ": not a zone id; give a region such as zone = \"Europe/Paris\", \"UTC\", or an "
                                + "offset such as \"+01:00\"."))));
    }

    @Test
    void constructorInjectionIsRefusedSayingWhereToDeclareTheParameter() {
        jupiter().selectors(selectClass(MisuseFixtures.ConstructorInjection.class)).execute().testEvents()
                .assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(message(
                        "GuardedTaskExtension: the constructor of " + MisuseFixtures.ConstructorInjection.class.getName()
                                + " asks for a TaskTester, but the kit builds a new guard for each test, after the "
                                + "test instance exists; declare the TaskTester as a parameter of the test method or "
                                + "of a @BeforeEach method instead."))));
    }

    @Test
    void aBeforeAllParameterIsRefusedSayingWhereToDeclareIt() {
        Events all = jupiter().selectors(selectClass(MisuseFixtures.BeforeAllInjection.class)).execute().allEvents();

        all.assertThatEvents().haveExactly(1, finishedWithFailure(message(
                "GuardedTaskExtension: setUp asks for a SettableClock outside a test: the kit builds a guard for each "
                        + "test only; declare it in a test, @BeforeEach or @AfterEach method, not @BeforeAll or "
                        + "@AfterAll.")));
    }
}
