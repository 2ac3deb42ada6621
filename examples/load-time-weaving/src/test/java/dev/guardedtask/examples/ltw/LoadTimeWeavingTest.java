package dev.guardedtask.examples.ltw;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link LtwJobs}, compiled by plain javac, woven by the load-time weaver this test JVM runs with (surefire's
 * {@code -javaagent}, this module's {@code META-INF/aop.xml}, guardedtask-aspects' own): the guard's behaviour,
 * exactly as compile-time weaving gives it, on a real Redis.
 */
class LoadTimeWeavingTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final LocalDate DATE = TestClocks.TODAY_DATE;

    private final List<TaskResult> seen = new ArrayList<>();

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
    }

    @Test
    void theWeaverRunsInThisJvm() throws Exception {
        Class<?> agent = Class.forName("org.aspectj.weaver.loadtime.Agent", false, ClassLoader.getSystemClassLoader());

        assertThat(agent.getMethod("getInstrumentation").invoke(null)).isNotNull();
        assertThat(LtwJobs.class.getDeclaredMethods()).extracting(m -> m.getName())
                .anyMatch(name -> name.startsWith("dailyReport_aroundBody"));
    }

    @Test
    void aDailyTaskRunsOnceThenIsSkippedAsAlreadyCompleted() {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        GuardedTasks.install(guard);
        LtwJobs jobs = new LtwJobs(seen::add);

        assertThat(jobs.dailyReport(DATE, null)).isEqualTo("report for 2026-11-28");
        assertThat(jobs.dailyReport(DATE, null)).isNull();

        assertThat(seen).hasSize(1);
        assertThat(task(guard, "ltw_daily_report")).satisfies(task -> {
            assertThat(task.successes()).isEqualTo(1);
            assertThat(task.skips()).containsExactly(entry(TaskResult.ALREADY_COMPLETED, 1L));
        });
    }

    @Test
    void theInjectedResultIsTheLiveRunPendingInsideTheBody() {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        GuardedTasks.install(guard);
        List<String> inside = new ArrayList<>();
        LtwJobs jobs = new LtwJobs(r -> inside.add(r.task() + " " + r.date() + " " + r.status()));

        jobs.dailyReport(DATE, null);
        TaskResult refreshed = jobs.refresh(null);

        assertThat(inside).containsExactly("ltw_daily_report 20261128 PENDING", "ltw_refresh 20261128 PENDING");
        assertThat(refreshed.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(refreshed.count("refreshed")).isEqualTo(1);
    }

    @Test
    void aRecurringTaskCalledWhileAnotherCallHoldsItIsSkippedWithLockHeld() throws Exception {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        GuardedTasks.install(guard);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LtwJobs holding = new LtwJobs(r -> {
            entered.countDown();
            await(release);
        });
        CompletableFuture<TaskResult> first = CompletableFuture.supplyAsync(() -> holding.refresh(null));
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            TaskResult second = new LtwJobs(seen::add).refresh(null);

            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo(TaskResult.LOCK_HELD);
            assertThat(seen).isEmpty();
        } finally {
            release.countDown();
        }
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(new LtwJobs().refresh(null).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void aPrivateStaticMethodIsGuardedToo() {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        GuardedTasks.install(guard);

        TaskResult purged = LtwJobs.purgeNow();

        assertThat(purged.task()).isEqualTo("ltw_purge");
        assertThat(purged.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(purged.count("purged")).isEqualTo(2);
        assertThat(task(guard, "ltw_purge").successes()).isEqualTo(1);
    }

    @Test
    void aKeyedTaskRunsOncePerKeyAndDate() {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        GuardedTasks.install(guard);
        LtwJobs jobs = new LtwJobs(seen::add);

        TaskResult acme = jobs.syncTenant("acme", DATE, null);
        TaskResult again = jobs.syncTenant("acme", DATE, null);
        TaskResult umbrella = jobs.syncTenant("umbrella", DATE, null);

        assertThat(List.of(acme, again, umbrella)).extracting(r -> r.key() + " " + r.status() + " " + r.reason())
                .containsExactly("acme SUCCESS null", "acme SKIPPED already_completed", "umbrella SUCCESS null");
        assertThat(seen).extracting(TaskResult::key).containsExactly("acme", "umbrella");
    }

    private static TaskOperator.Task task(TaskGuard guard, String name) {
        return guard.operator().tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
