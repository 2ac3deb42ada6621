package dev.guardedtask.examples.weaving;

import dev.guardedtask.ChainReport;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.guardedtask.examples.weaving.TestGuards.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A task chain whose steps are woven {@code @GuardedTask} methods, on a real Redis. */
class TaskChainWovenTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final PipelineJobs jobs = new PipelineJobs();
    @RegisterExtension
    final InstalledGuard guard = new InstalledGuard(redis);


    private TaskChain.Builder diamond() {
        return TaskChain.builder()
                .step("ingest", date -> jobs.ingest(date, null))
                .step("parse", date -> jobs.parse(date, null), "ingest")
                .step("fetch", date -> jobs.fetch(date, null), "ingest")
                .step("publish", date -> jobs.publish(date, null), "parse", "fetch");
    }

    @Test
    void aDiamondRunsEachStepOnceInDependencyOrder() {
        ChainReport report = diamond().build().run(null);

        assertThat(jobs.ran).containsExactly("ingest", "parse", "fetch", "publish");
        assertThat(report.succeeded()).isTrue();
        assertThat(report.date()).isEqualTo(TODAY);
        assertThat(diamond().build().run(TODAY).results().values())
                .allMatch(result -> "already_completed".equals(result.reason()));
        assertThat(jobs.ran).hasSize(4);
    }

    @Test
    void aFailedStepIsReportedNotThrownAndItsDependentIsSkipped() {
        jobs.parseFails = true;

        ChainReport report = diamond().build().run(TODAY);

        assertThat(jobs.ran).containsExactly("ingest", "fetch");
        assertThat(report.results().get("parse").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(report.results().get("parse").errors()).containsExactly("java.lang.IllegalStateException: parser crashed");
        assertThat(report.results().get("publish").reason()).isEqualTo("dependency_not_met");
        assertThat(report.results().get("publish").warnings()).containsExactly("parse: exception");
        assertThat(redis.keyspace()).containsExactlyInAnyOrder(
                "success:ch_ingest:" + TODAY + "=completed", "success:ch_fetch:" + TODAY + "=completed");
    }

    @Test
    void aStepCompletedEarlierByAnotherWorkerCountsAsMet() {
        redis.set("success:ch_ingest:" + TODAY, "completed", Duration.ofDays(1));

        ChainReport report = diamond().build().run(TODAY);

        assertThat(jobs.ran).containsExactly("parse", "fetch", "publish");
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void aStepWhoseLockIsHeldElsewhereIsNotMet() {
        redis.set("lock:ch_parse:" + TODAY, "deadbeef", Duration.ofMinutes(1));

        ChainReport report = diamond().build().run(TODAY);

        assertThat(jobs.ran).containsExactly("ingest", "fetch");
        assertThat(report.results().get("publish").warnings()).containsExactly("parse: lock_held");
        assertThat(report.succeeded()).isFalse();
        assertThat(redis.get("lock:ch_parse:" + TODAY)).isEqualTo("deadbeef");
    }

    @Test
    void inParallelTheMiddleStepsOverlapAndPublishWaitsForBoth() {
        jobs.meeting = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            ChainReport report = diamond().executor(pool).build().run(TODAY);

            assertThat(report.succeeded()).as(report.toJson()).isTrue();
            assertThat(jobs.ran).hasSize(4).startsWith("ingest").endsWith("publish");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void buildRejectsCyclesUnknownAndDuplicateSteps() {
        assertThatThrownBy(() -> diamond().step("ingest", date -> jobs.ingest(date, null)).build())
                .hasMessageContaining("step id 'ingest' is declared twice");
        assertThatThrownBy(() -> diamond().step("archive", date -> jobs.ingest(date, null), "publsh").build())
                .hasMessageContaining("step 'archive' depends on unknown step [publsh]");
        assertThatThrownBy(() -> TaskChain.builder()
                .step("parse", date -> jobs.parse(date, null), "fetch")
                .step("fetch", date -> jobs.fetch(date, null), "parse").build())
                .hasMessageContaining("cycle (each depends on the next): parse -> fetch -> parse");
        assertThat(redis.keyspace()).isEmpty();
    }
}
