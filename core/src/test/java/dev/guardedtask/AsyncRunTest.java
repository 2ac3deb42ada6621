package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.guardedtask.testsupport.TestClocks.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link TaskGuard#runAsync}: the lock is held until the body's stage completes, whichever thread completes it;
 * the outcome reaches the caller through the returned stage; nothing waits for Redis; whatever goes wrong, the
 * lock is released.
 */
class AsyncRunTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final TaskOptions RECURRING = TaskOptions.recurring("task_odds");
    static final TaskOptions DAILY = TaskOptions.daily("task_report");
    static final String LOCK = "lock:task_odds:" + TODAY;
    static final String DAILY_LOCK = "lock:task_report:" + TODAY;
    static final String SUCCESS = "success:task_report:" + TODAY;

    /** The guards' executor: its threads' names show where bodies ran and stages completed. */
    private final ExecutorService guardThreads = Executors.newFixedThreadPool(2, named("guard-async"));
    /** Where the tests complete the bodies' stages: "another executor". */
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor(named("elsewhere"));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TaskGuard first;
    private TaskGuard second;

    @BeforeEach
    void guards() {
        first = worker(guardThreads);
        second = worker(guardThreads);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        guardThreads.shutdownNow();
        elsewhere.shutdownNow();
    }

    /** A worker of its own: its own client, as another process would have. */
    private TaskGuard worker(java.util.concurrent.Executor executor) {
        RedissonClient client = redis.connect();
        closing.add(client::shutdown);
        TaskGuard guard = TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).asyncExecutor(executor)
                .lockTimeout(Duration.ofSeconds(3)).build();
        closing.add(0, guard);
        return guard;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static TaskResult join(CompletableFuture<TaskResult> stage) {
        return stage.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static TaskError failure(CompletableFuture<TaskResult> stage) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        stage.orTimeout(10, TimeUnit.SECONDS).whenComplete((result, e) -> error.set(e)).exceptionally(e -> null).join();
        assertThat(error.get()).as("the stage failed").isInstanceOf(TaskError.class);
        return (TaskError) error.get();
    }

    @Test
    void theLockIsHeldUntilTheBodysStageCompletesSoASecondWorkerSkipsMeanwhile() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = first.runAsync(RECURRING, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);
        assertThat(running).as("the first run goes on while its work does").isNotDone();
        AtomicInteger secondBodies = new AtomicInteger();

        TaskResult skippedAsync = join(second.runAsync(RECURRING, null, r -> {
            secondBodies.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }));
        TaskResult skipped = second.run(RECURRING, null, r -> secondBodies.incrementAndGet());

        assertThat(skippedAsync.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(skippedAsync.reason()).isEqualTo("lock_held");
        assertThat(skipped.reason()).isEqualTo("lock_held");
        assertThat(secondBodies).hasValue(0);

        elsewhere.execute(() -> work.complete("done"));
        TaskResult done = join(running);
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.get(LOCK)).as("released once the work ended").isNull();
        assertThat(second.run(RECURRING, null, r -> secondBodies.incrementAndGet()).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(secondBodies).hasValue(1);
    }

    @Test
    void aStageCompletedOnAnotherExecutorEndsTheRunAndTheCallersStageCompletesOnTheGuardsExecutor() {
        AtomicReference<String> bodyThread = new AtomicReference<>();
        AtomicReference<String> completedOn = new AtomicReference<>();
        CompletableFuture<TaskResult> run = first.runAsync(DAILY, null, r -> {
            bodyThread.set(Thread.currentThread().getName());
            r.add("rows", 3);
            return CompletableFuture.supplyAsync(() -> "exported", elsewhere);
        });
        CompletableFuture<TaskResult> dependent = run.thenApply(result -> {
            completedOn.set(Thread.currentThread().getName());
            return result;
        });

        TaskResult result = join(dependent);

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.count("rows")).isEqualTo(3);
        assertThat(result.fencingToken()).isEqualTo(1);
        assertThat(bodyThread.get()).startsWith("guard-async-");
        assertThat(completedOn.get()).startsWith("guard-async-");
        assertThat(redis.get(SUCCESS)).isEqualTo("completed");
        assertThat(redis.get(DAILY_LOCK)).isNull();
    }

    @Test
    void anExceptionalCompletionFailsTheRunWithATaskErrorCarryingTheResult() {
        IOException broken = new IOException("disk full");

        TaskError error = failure(first.runAsync(DAILY, null, r -> CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(broken);
        }, elsewhere)));

        assertThat(error.getCause()).isSameAs(broken);
        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo("exception");
        assertThat(error.result().errors()).containsExactly("java.io.IOException: disk full");
        assertThat(error.getMessage()).isEqualTo("Task 'task_report' for " + TODAY + " failed (task id "
                + error.result().taskId() + "): java.io.IOException: disk full");
        assertThat(redis.get(SUCCESS)).as("no success key for a failed run").isNull();
        assertThat(redis.get(DAILY_LOCK)).isNull();
    }

    @Test
    void aBodyThatThrowsBeforeReturningAStageFailsAsASynchronousBodyDoes() {
        IllegalStateException thrown = new IllegalStateException("no input file");

        TaskError error = failure(first.runAsync(DAILY, null, r -> {
            throw thrown;
        }));

        assertThat(error.getCause()).isSameAs(thrown);
        assertThat(error.result().errors()).containsExactly("java.lang.IllegalStateException: no input file");
        assertThat(redis.get(DAILY_LOCK)).isNull();
        assertThat(redis.get(SUCCESS)).isNull();
    }

    @Test
    void aBodyThatReturnsNoStageFailsTheRunAndNamesTheFix() {
        TaskError error = failure(first.runAsync(DAILY, null, r -> null));

        assertThat(error.result().errors()).containsExactly("java.lang.NullPointerException: the body returned no "
                + "stage (null): return a CompletionStage that completes when the work ends, e.g. "
                + "CompletableFuture.completedFuture(null)");
        assertThat(redis.get(DAILY_LOCK)).isNull();
    }

    @Test
    void aBodyThatFailsTheResultFailsTheRunThoughItsStageCompletesNormally() {
        TaskError error = failure(first.runAsync(DAILY, null, r -> {
            r.fail("no_data");
            return CompletableFuture.completedFuture(null);
        }));

        assertThat(error.result().reason()).isEqualTo("no_data");
        assertThat(redis.get(SUCCESS)).isNull();
        assertThat(redis.get(DAILY_LOCK)).isNull();
    }

    @Test
    void aSkippedCallCompletesWithTheSkippedResultAndTheBodyDoesNotRun() {
        join(first.runAsync(DAILY, null, r -> CompletableFuture.completedFuture(null)));
        AtomicInteger bodies = new AtomicInteger();

        TaskResult skipped = join(second.runAsync(DAILY, null, r -> {
            bodies.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }));

        assertThat(skipped.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("already_completed");
        assertThat(skipped.fencingToken()).isZero();
        assertThat(bodies).hasValue(0);
    }

    @Test
    void aStageThatOutlivesTheLockTimeoutKeepsItsLockRenewed() {
        TaskGuard shortLock = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .asyncExecutor(guardThreads).lockTimeout(Duration.ofMillis(300)).build();
        closing.add(0, shortLock);
        CompletableFuture<Void> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = shortLock.runAsync(RECURRING, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);
        String taskId = redis.get(LOCK);

        // Four lock timeouts long, the lock stays this run's: renewed, not expired.
        await().during(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(5)).until(() -> taskId.equals(redis.get(LOCK)));
        assertThat(second.run(RECURRING, null, r -> { }).reason()).isEqualTo("lock_held");

        work.complete(null);
        assertThat(join(running).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.get(LOCK)).isNull();
    }

    @Test
    void cancellingTheReturnedStageLeavesTheWorkItsLockUntilTheWorkEnds() {
        CompletableFuture<String> work = new CompletableFuture<>();
        AtomicReference<TaskResult> finished = new AtomicReference<>();
        TaskGuard listened = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .asyncExecutor(guardThreads).listener(new TaskListener() {
                    @Override
                    public void finished(TaskResult result, Duration duration) {
                        finished.set(result);
                    }
                }).build();
        closing.add(0, listened);
        CompletableFuture<TaskResult> running = listened.runAsync(RECURRING, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);

        assertThat(running.cancel(true)).isTrue();
        assertThat(second.run(RECURRING, null, r -> { }).reason()).as("the work goes on: still locked").isEqualTo("lock_held");

        work.complete("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() != null);
        assertThat(finished.get().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.get(LOCK)).isNull();
    }

    @Test
    void cancellingTheBodysOwnStageFailsTheRunAndReleasesTheLock() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = first.runAsync(RECURRING, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);

        work.cancel(false);

        TaskError error = failure(running);
        assertThat(error.getCause()).isInstanceOf(CancellationException.class);
        assertThat(error.result().reason()).isEqualTo("exception");
        assertThat(redis.get(LOCK)).isNull();
    }

    @Test
    void anExecutorThatRefusesTheBodyFailsTheRunAndReleasesTheLock() {
        TaskGuard refusing = worker(command -> {
            throw new RejectedExecutionException("pool shut down");
        });
        AtomicInteger bodies = new AtomicInteger();

        CompletableFuture<TaskResult> run = refusing.runAsync(DAILY, null, r -> {
            bodies.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        TaskError error = failure(run);
        assertThat(error.result().errors()).containsExactly("java.util.concurrent.RejectedExecutionException: pool shut down");
        assertThat(bodies).hasValue(0);
        assertThat(redis.get(DAILY_LOCK)).isNull();
        assertThat(redis.get(SUCCESS)).isNull();
    }

    @Test
    void theCallerDoesNotWaitForRedis() {
        redis.pause(Duration.ofMillis(800));

        CompletableFuture<TaskResult> run = first.runAsync(DAILY, null, r -> CompletableFuture.completedFuture(null));

        assertThat(run).as("runAsync returned while Redis was not answering").isNotDone();
        assertThat(join(run).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void redisUnreachableBeforeTheBodyFailsTheStageWithBackendUnavailable() {
        redis.stop();
        AtomicInteger bodies = new AtomicInteger();

        TaskError error = failure(first.runAsync(DAILY, null, r -> {
            bodies.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }));

        assertThat(error.result().reason()).isEqualTo("backend_unavailable");
        assertThat(bodies).hasValue(0);
    }

    @Test
    void redisUnreachableWhenTheWorkEndsKeepsTheStatusAndWarnsThatNothingWasRecorded() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = first.runAsync(DAILY, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(DAILY_LOCK) != null);
        redis.stop();

        work.complete("done");

        TaskResult result = join(running);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("backend_unavailable: completion not recorded, lock not released (it expires within 3000 ms)");
    }

    @Test
    void aGuardClosedWhileTheWorkGoesOnLeavesTheLockToExpireAndSaysWhy() {
        TaskGuard owning = TaskGuard.builder().redis(redis.uri()).clock(TestClocks.fixed()).asyncExecutor(guardThreads)
                .lockTimeout(Duration.ofSeconds(3)).closeTimeout(Duration.ZERO).build();
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = owning.runAsync(DAILY, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(DAILY_LOCK) != null);

        owning.close(); // no wait (closeTimeout 0): shuts down the client it created
        work.complete("done");

        TaskResult result = join(running);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).singleElement().asString().startsWith("backend_unavailable: completion not "
                + "recorded, lock not released (it expires within 3000 ms): the RedissonClient of this TaskGuard is "
                + "shut down (the guard was closed while the run went on");
    }

    @Test
    void theListenersAreToldOfEachStepInOrder() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        TaskGuard listened = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .asyncExecutor(guardThreads).listener(new TaskListener() {
                    @Override
                    public void started(TaskResult result) {
                        calls.add("started " + result.status());
                    }

                    @Override
                    public void bodyReturned(TaskResult result) {
                        calls.add("bodyReturned " + result.status() + " " + Thread.currentThread().getName().startsWith("guard-async-"));
                    }

                    @Override
                    public void finished(TaskResult result, Duration duration) {
                        calls.add("finished " + result.status() + " " + Thread.currentThread().getName().startsWith("guard-async-"));
                    }

                    @Override
                    public void skipped(TaskResult result) {
                        calls.add("skipped " + result.reason());
                    }
                }).build();
        closing.add(0, listened);

        join(listened.runAsync(DAILY, null, r -> CompletableFuture.supplyAsync(() -> 1, elsewhere)));
        join(listened.runAsync(DAILY, null, r -> CompletableFuture.completedFuture(null)));

        assertThat(calls).containsExactly("started PENDING", "bodyReturned PENDING true", "finished SUCCESS true",
                "skipped already_completed");
    }

    @Test
    void aGuardLentToTheCallerIsLentToTheBodysThread() {
        AtomicReference<TaskGuard> seen = new AtomicReference<>();
        AtomicReference<CompletableFuture<TaskResult>> run = new AtomicReference<>();

        GuardedTasks.runWith(second, () -> run.set(first.runAsync(DAILY, null, r -> {
            seen.set(GuardedTasks.current());
            return CompletableFuture.completedFuture(null);
        })));

        join(run.get());
        assertThat(seen.get()).isSameAs(second);
    }

    @Test
    void theBodysThreadIsLentTheCallersGuardOnlyWhileTheBodyStarts() throws Exception {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            TaskGuard onOneThread = worker(oneThread);
            AtomicReference<CompletableFuture<TaskResult>> run = new AtomicReference<>();

            GuardedTasks.runWith(second, () -> run.set(onOneThread.runAsync(DAILY, null,
                    r -> CompletableFuture.completedFuture(null))));
            join(run.get());

            assertThat(oneThread.submit(GuardedTasks::current).get(10, TimeUnit.SECONDS))
                    .as("the executor's thread afterwards").isNull();
        } finally {
            oneThread.shutdownNow();
        }
    }

    @Test
    void aLockLostWhileTheWorkGoesOnIsAWarningOfASuccessfulRun() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = first.runAsync(RECURRING, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);
        redis.set(LOCK, "deadbeef", Duration.ofMinutes(1)); // an operator's release, then another worker's run

        work.complete("done");

        TaskResult result = join(running);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).containsExactly(TaskResult.LOCK_LOST);
        assertThat(redis.get(LOCK)).as("the other run's lock, left alone").isEqualTo("deadbeef");
    }

    @Test
    void badInputFailsTheCallBeforeRedisIsTouched() {
        var before = redis.commandCalls();

        assertThatThrownBy(() -> first.runAsync(DAILY, "2026-11-28", r -> CompletableFuture.completedFuture(null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> first.runAsync(DAILY, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_report': body is null; pass the work to run, e.g. result -> report.send().");

        assertThat(redis.commandsSince(before)).isEmpty();
    }

    @Test
    void runsOnAnInMemoryGuardToo() {
        TaskGuard memory = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).asyncExecutor(guardThreads).build();
        closing.add(0, memory);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> work = new CompletableFuture<>();

        CompletableFuture<TaskResult> running = memory.runAsync(RECURRING, null, r -> {
            started.countDown();
            return work;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);
        TaskResult skipped = join(memory.runAsync(RECURRING, null, r -> CompletableFuture.completedFuture(null)));
        work.complete(null);

        assertThat(skipped.reason()).isEqualTo("lock_held");
        assertThat(join(running).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(join(memory.runAsync(RECURRING, null, r -> CompletableFuture.completedFuture(null))).status())
                .isEqualTo(TaskStatus.SUCCESS);
    }
}
