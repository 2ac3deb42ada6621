package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.guardedtask.examples.weaving.TestGuards.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Woven methods that return {@code CompletionStage} or {@code CompletableFuture}, on a real Redis. */
class AsyncGuardedTaskTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final InstalledGuard guard = new InstalledGuard(redis);

    private final AsyncJobs jobs = new AsyncJobs();
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    private RedissonClient secondClient;
    private TaskGuard secondWorker;

    @AfterEach
    void close() {
        elsewhere.shutdownNow();
        if (secondWorker != null) {
            secondWorker.close();
            secondClient.shutdown();
        }
    }

    /** Another worker: a guard on a client of its own, lent to this thread for {@code call}. */
    private <T> T onSecondWorker(java.util.function.Supplier<T> call) {
        if (secondWorker == null) {
            secondClient = redis.connect();
            secondWorker = TestGuards.on(secondClient);
        }
        AtomicReference<T> returned = new AtomicReference<>();
        GuardedTasks.runWith(secondWorker, () -> returned.set(call.get()));
        return returned.get();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static Throwable failure(CompletionStage<?> stage) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        join(stage.handle((value, e) -> {
            error.set(e);
            return null;
        }));
        return error.get();
    }

    @Test
    void aSecondWorkerCallingWhileTheFirstCallsWorkGoesOnIsSkippedAndTheWorksNeverOverlap() {
        CompletableFuture<String> first = jobs.export();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get("lock:async_export:" + TODAY) != null);
        CompletableFuture<String> firstWork = jobs.work;
        jobs.work = CompletableFuture.completedFuture("second");

        CompletableFuture<String> second = onSecondWorker(jobs::export);

        assertThat(join(second)).as("a skipped call's stage completes with null").isNull();
        assertThat(jobs.runs).as("the second worker's body did not run").hasValue(1);
        assertThat(first).isNotDone();

        elsewhere.execute(() -> firstWork.complete("first"));
        assertThat(join(first)).isEqualTo("first");
        assertThat(redis.get("lock:async_export:" + TODAY)).isNull();
        assertThat(join(onSecondWorker(jobs::export))).isEqualTo("second");
        assertThat(jobs.runs).hasValue(2);
    }

    @Test
    void aKeyedAsynchronousMethodHoldsOneLockPerKeyUntilThatKeysWorkEnds() {
        CompletableFuture<String> a = jobs.importFile("a.csv");
        CompletableFuture<String> b = jobs.importFile("b.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get("lock:async_import#a.csv:" + TODAY) != null
                && redis.get("lock:async_import#b.csv:" + TODAY) != null);

        assertThat(join(onSecondWorker(() -> jobs.importFile("a.csv")))).as("a.csv's work goes on: skipped").isNull();
        assertThat(jobs.runs).as("both keys ran at once, the second a.csv did not").hasValue(2);

        jobs.files.get("a.csv").complete("imported a");
        assertThat(join(a)).isEqualTo("imported a");
        assertThat(redis.get("lock:async_import#a.csv:" + TODAY)).isNull();
        assertThat(redis.get("lock:async_import#b.csv:" + TODAY)).as("b.csv's work still goes on").isNotNull();
        jobs.files.get("b.csv").complete("imported b");
        assertThat(join(b)).isEqualTo("imported b");
    }

    @Test
    void aCompletionStageOfTaskResultCompletesWithTheInjectedResultAndTheDateIsCompletedOnce() {
        jobs.work.complete("abc");

        TaskResult ran = join(jobs.report(null));
        TaskResult skipped = join(jobs.report(null));

        assertThat(ran).isSameAs(jobs.injected);
        assertThat(ran.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(ran.count("rows")).isEqualTo(3);
        assertThat(skipped.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(jobs.runs).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:report:" + TODAY + "=completed");
    }

    @Test
    void aStageOfOptionalIsEmptyWhenSkippedAndTheTaskDateIsTheRunsDate() {
        jobs.work.complete("x");
        LocalDate march = LocalDate.of(2026, 3, 1);

        assertThat(join(jobs.onDate(march))).contains("x");
        assertThat(join(jobs.onDate(march))).isEqualTo(Optional.empty());
        assertThat(redis.keyspace()).containsExactly("success:dated:20260301=completed");
    }

    @Test
    void anExceptionalCompletionFailsTheStageWithATaskErrorAndRecordsNoSuccess() {
        elsewhere.execute(() -> jobs.work.complete("7"));

        Throwable error = failure(jobs.broken(false));

        assertThat(error).isInstanceOf(TaskError.class);
        TaskError failed = (TaskError) error;
        assertThat(failed.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row 7");
        assertThat(failed.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.result().errors()).containsExactly("java.lang.IllegalArgumentException: bad row 7");
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void aMethodThatThrowsBeforeReturningAStageFailsTheStageAndReleasesTheLock() {
        Throwable error = failure(jobs.broken(true));

        assertThat(error).isInstanceOf(TaskError.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(((TaskError) error).result().reason()).isEqualTo(TaskResult.EXCEPTION);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void aMethodThatReturnsNullFailsTheStage() {
        Throwable error = failure(jobs.nothing());

        assertThat(((TaskError) error).result().errors()).singleElement().asString()
                .startsWith("java.lang.NullPointerException: the body returned no stage (null)");
        assertThat(redis.keyspace()).isEmpty();
    }
}
