package dev.guardedtask.examples;

import dev.guardedtask.ChainReport;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskResult;
import dev.guardedtask.test.GuardedTaskTest;
import dev.guardedtask.test.HeldLock;
import dev.guardedtask.test.TaskTester;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.function.UnaryOperator;

import static dev.guardedtask.TaskResult.ALREADY_COMPLETED;
import static dev.guardedtask.TaskResult.DEPENDENCY_NOT_MET;
import static dev.guardedtask.TaskResult.LOCK_HELD;
import static dev.guardedtask.test.TaskResultAssert.TASK_RESULT;
import static org.assertj.core.api.Assertions.assertThat;

/** The example's chain (analysis, indexing, report) for a date, its steps woven methods, on the embedded Redis. */
@GuardedTaskTest(store = GuardedTaskTest.Store.EMBEDDED_REDIS, instant = "2026-03-01T05:00:00Z")
class ChainJobsTest {

    private static final LocalDate MARCH_FIRST = LocalDate.of(2026, 3, 1);

    private static TaskChain chain(String failStep) {
        return new ChainJobs(failStep).chain(UnaryOperator.identity());
    }

    @Test
    void theChainRunsEachStepOnceInOrderForTheDate(TaskTester tasks) {
        ChainReport report = tasks.runChain(chain(""), MARCH_FIRST);
        ChainReport again = tasks.runChain(chain(""), MARCH_FIRST);

        assertThat(report.succeeded()).isTrue();
        assertThat(tasks.runs()).extracting(TaskResult::task).containsExactly(ChainJobs.ANALYSIS,
                ChainJobs.INDEXING, ChainJobs.REPORT, ChainJobs.ANALYSIS, ChainJobs.INDEXING, ChainJobs.REPORT);
        assertThat(report.results().get(ChainJobs.INDEXING)).asInstanceOf(TASK_RESULT)
                .isSuccess().hasDate("20260301").hasCount("documents_indexed", 40);
        assertThat(again.results().values())
                .allSatisfy(result -> assertThat(result).asInstanceOf(TASK_RESULT).isSkipped(ALREADY_COMPLETED));
        assertThat(again.succeeded()).isTrue();
    }

    @Test
    void aStepCompletedEarlierCountsAsMet(TaskTester tasks) {
        tasks.markCompleted(ChainJobs.ANALYSIS, "20260301");

        ChainReport report = tasks.runChain(chain(""), MARCH_FIRST);

        assertThat(report.succeeded()).isTrue();
        assertThat(report.results().get(ChainJobs.ANALYSIS)).asInstanceOf(TASK_RESULT).isSkipped(ALREADY_COMPLETED);
        assertThat(tasks.runs()).extracting(TaskResult::reason).containsExactly(ALREADY_COMPLETED, null, null);
    }

    @Test
    void aStepRunningElsewhereLeavesTheReportNotMet(TaskTester tasks) {
        ChainReport report;
        try (HeldLock indexingElsewhere = tasks.holdLock(ChainJobs.INDEXING, "20260301")) {
            report = tasks.runChain(chain(""), MARCH_FIRST);
        }

        assertThat(report.succeeded()).isFalse();
        assertThat(report.results().get(ChainJobs.ANALYSIS)).asInstanceOf(TASK_RESULT).isSuccess();
        assertThat(report.results().get(ChainJobs.INDEXING)).asInstanceOf(TASK_RESULT).isSkipped(LOCK_HELD);
        assertThat(report.results().get(ChainJobs.REPORT)).asInstanceOf(TASK_RESULT).isSkipped(DEPENDENCY_NOT_MET);
    }

    @Test
    void aFailedStepIsReportedAndTheNextIsNotRun(TaskTester tasks) {
        ChainReport report = tasks.runChain(chain(ChainJobs.INDEXING), MARCH_FIRST);

        assertThat(report.results().get(ChainJobs.INDEXING)).asInstanceOf(TASK_RESULT)
                .isFailed(TaskResult.EXCEPTION).hasErrorContaining("simulated failure of task_indexing");
        assertThat(report.results().get(ChainJobs.REPORT)).asInstanceOf(TASK_RESULT).isSkipped(DEPENDENCY_NOT_MET);
        assertThat(tasks.runs(ChainJobs.REPORT)).isEmpty();
    }

    @Test
    void withoutADateTheChainRunsForTheClocksToday(TaskTester tasks) {
        ChainReport report = tasks.runChain(chain(""), LocalDate.now(tasks.clock()));

        assertThat(report.date()).isEqualTo("20260301").isEqualTo(tasks.today());
    }
}
