package dev.guardedtask;

import dev.guardedtask.testsupport.CapturedOutput;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.guardedtask.testsupport.TestClocks.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link TaskGuard#close()} drains the runs in flight: it waits up to {@link TaskGuard.Builder#closeTimeout} for
 * them to end, with renewal and the guard's own client still up, so they record their completion and release their
 * locks; after the bound it names those left in one WARN line.
 */
class CloseDrainTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final TaskOptions DAILY = TaskOptions.daily("task_report");
    static final String LOCK = "lock:task_report:" + TODAY;
    static final String SUCCESS = "success:task_report:" + TODAY;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch endWork = new CountDownLatch(1);

    @AfterEach
    void stop() {
        endWork.countDown();
        threads.shutdownNow();
    }

    @Test
    void closeWaitsForASynchronousRunInFlightWhichRecordsItsDateAndReleasesItsLock() throws Exception {
        // The guard's own client: a close that did not wait would shut it down under the run.
        TaskGuard guard = TaskGuard.builder().redis(redis.uri()).clock(TestClocks.fixed()).build();
        AtomicBoolean bodyEnded = new AtomicBoolean();
        Future<TaskResult> running = threads.submit(() -> guard.run(DAILY, null, r -> {
            endWork.await();
            bodyEnded.set(true);
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);

        Future<String> closed = threads.submit(() -> {
            guard.close();
            return "body ended " + bodyEnded.get() + ", lock " + redis.get(LOCK) + ", success " + redis.get(SUCCESS);
        });
        await().atMost(Duration.ofSeconds(10)).until(guard::isClosed);
        assertThat(closed).isNotDone();
        assertThatThrownBy(() -> guard.run(TaskOptions.daily("task_other"), null, r -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("this TaskGuard is closed");
        endWork.countDown();

        assertThat(closed.get(10, TimeUnit.SECONDS)).startsWith("body ended true, lock null, success ");
        assertThat(redis.get(SUCCESS)).isNotNull();
        TaskResult result = running.get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void closeWaitsForAnAsynchronousDailyRunWhoseStageCompletesAfterIt() throws Exception {
        TaskGuard guard = TaskGuard.builder().redis(redis.uri()).clock(TestClocks.fixed()).asyncExecutor(threads)
                .build();
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<TaskResult> running = guard.runAsync(DAILY, null, r -> work);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);

        work.completeAsync(() -> "done", CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS, threads));
        guard.close();

        assertThat(running).isDone();
        TaskResult result = running.join();
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).isEmpty();
        assertThat(redis.get(LOCK)).isNull();
        assertThat(redis.get(SUCCESS)).isNotNull();
    }

    @Test
    void afterTheBoundCloseGoesOnAndNamesTheRunLeftInFlight() throws Exception {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .closeTimeout(Duration.ofMillis(300)).build();
        AtomicReference<TaskResult> inFlight = new AtomicReference<>();
        Future<TaskResult> running = threads.submit(() -> guard.run(DAILY, null, r -> {
            inFlight.set(r);
            endWork.await();
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(LOCK) != null);

        long before = System.nanoTime();
        try (CapturedOutput output = CapturedOutput.start()) {
            guard.close();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(waited).isBetween(300L, 10_000L);
            assertThat(redis.get(LOCK)).isNotNull();
            TaskResult run = inFlight.get();
            assertThat(output.text()).containsOnlyOnce("TaskGuard closed after waiting 300 ms (closeTimeout) with 1 "
                    + "run(s) still in flight: Task 'task_report' for " + TODAY + " (run " + run.taskId() + "); they "
                    + "lose their lock renewal, and each lock stays until it expires");
        } finally {
            endWork.countDown();
        }
        assertThat(running.get(10, TimeUnit.SECONDS).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void closeFromInsideARunDoesNotWaitForThatRun() {
        TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();

        TaskResult result = CompletableFuture.supplyAsync(() -> guard.run(DAILY, null, r -> guard.close()), threads)
                .orTimeout(10, TimeUnit.SECONDS).join(); // the default bound is 30 s: a self-wait would time out

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(guard.isClosed()).isTrue();
    }

    @Test
    void anInMemoryGuardWaitsForTheRunInFlightToo() throws Exception {
        TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();
        AtomicBoolean bodyEnded = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Future<TaskResult> running = threads.submit(() -> guard.run(DAILY, null, r -> {
            started.countDown();
            endWork.await();
            bodyEnded.set(true);
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> closed = threads.submit(() -> {
            guard.close();
            return bodyEnded.get();
        });
        await().atMost(Duration.ofSeconds(10)).until(guard::isClosed);
        assertThat(closed).isNotDone();
        endWork.countDown();

        assertThat(closed.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(running.get(10, TimeUnit.SECONDS).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void closeTimeoutTakesZeroUpTo3650Days() {
        assertThat(TaskGuard.builder().closeTimeout(Duration.ZERO)).isNotNull();
        assertThatThrownBy(() -> TaskGuard.builder().closeTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard.builder().closeTimeout(PT-0.001S): use 0 (do not wait) to 3650 days (P3650D), "
                        + "e.g. Duration.ofSeconds(30).");
        assertThatThrownBy(() -> TaskGuard.builder().closeTimeout(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TaskGuard.builder().closeTimeout(null): use 0");
    }
}
