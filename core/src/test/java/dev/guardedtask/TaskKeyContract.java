package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with a key ({@link TaskOptions#withKey}) on a real Redis: a daily task completes once per task, key and
 * date; a recurring task's runs never overlap for one key and do for two; the keys are the protocol's
 * ({@code Plock:T#K:D}, the task tagged in the cluster scheme). Each topology extends it.
 */
abstract class TaskKeyContract {

    static final String DAY = TestClocks.TODAY;
    static final String NEXT_DAY = "20261129";

    abstract RedissonClient client();

    abstract RedissonClient connect();

    abstract Set<String> keyspace();

    abstract KeyScheme scheme();

    private final ExecutorService firstWorker = Executors.newSingleThreadExecutor();
    private final List<TaskGuard> guards = new ArrayList<>();
    private final List<RedissonClient> clients = new ArrayList<>();
    private final AtomicInteger bodies = new AtomicInteger();

    @AfterEach
    void stop() {
        firstWorker.shutdownNow();
        guards.forEach(TaskGuard::close);
        clients.forEach(RedissonClient::shutdown);
    }

    /** A worker of its own: its own client and guard. */
    private TaskGuard worker() {
        RedissonClient client = connect();
        clients.add(client);
        TaskGuard guard = TaskGuard.builder().redisson(client).keyScheme(scheme()).clock(TestClocks.fixed()).build();
        guards.add(guard);
        return guard;
    }

    /** {@code T} as the scheme writes it: in braces for the cluster scheme. */
    private String t(String task) {
        return scheme() == KeyScheme.CLUSTER ? "{" + task + "}" : task;
    }

    @Test
    void aDailyKeyedTaskRunsOncePerKeyAndDateAnotherKeyAndTheUnkeyedTaskAreOtherLocks() {
        TaskOptions export = TaskOptions.daily("export");
        TaskGuard guard = worker();

        TaskResult first = guard.run(export.withKey("c1"), null, r -> bodies.incrementAndGet());
        TaskResult again = guard.run(export.withKey("c1"), null, r -> bodies.incrementAndGet());
        TaskResult otherKey = guard.run(export.withKey("c2"), null, r -> bodies.incrementAndGet());
        TaskResult unkeyed = guard.run(export, null, r -> bodies.incrementAndGet());
        TaskResult nextDay = guard.run(export.withKey("c1"), NEXT_DAY, r -> bodies.incrementAndGet());

        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(first.key()).isEqualTo("c1");
        assertThat(again.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(again.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(otherKey.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(unkeyed.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(unkeyed.key()).isNull();
        assertThat(nextDay.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(4);
        assertThat(keyspace()).containsExactly("success:" + t("export") + "#c1:" + DAY + "=completed",
                "success:" + t("export") + "#c1:" + NEXT_DAY + "=completed",
                "success:" + t("export") + "#c2:" + DAY + "=completed",
                "success:" + t("export") + ":" + DAY + "=completed");
    }

    @Test
    void twoRunsOfARecurringTaskWithTheSameKeyNeverOverlapTheSecondIsSkippedWithLockHeld() throws Exception {
        TaskOptions sync = TaskOptions.recurring("sync").withKey("file_7");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        TaskGuard a = worker();
        TaskGuard b = worker();

        CompletableFuture<TaskResult> first = CompletableFuture.supplyAsync(() -> a.run(sync, null, r -> {
            entered.countDown();
            leave.await(10, TimeUnit.SECONDS);
        }), firstWorker);
        TaskResult held;
        Set<String> whileInside;
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first body started").isTrue();
            whileInside = keyspace();
            held = b.run(sync, NEXT_DAY, r -> bodies.incrementAndGet()); // another date: the task-level lock holds it
        } finally {
            leave.countDown();
        }
        TaskResult firstResult = first.get(10, TimeUnit.SECONDS);

        assertThat(held.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(held.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(held.key()).isEqualTo("file_7");
        assertThat(bodies).hasValue(0);
        assertThat(firstResult.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(whileInside).containsExactly("lock:" + t("sync") + "#file_7:" + DAY + "=" + firstResult.taskId(),
                "lock:" + t("sync") + "#file_7=" + firstResult.taskId());
        assertThat(keyspace()).isEmpty();
    }

    @Test
    void runsOfARecurringTaskWithDifferentKeysOverlap() throws Exception {
        TaskOptions sync = TaskOptions.recurring("sync");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        AtomicBoolean firstInside = new AtomicBoolean();
        AtomicBoolean overlapped = new AtomicBoolean();
        TaskGuard a = worker();
        TaskGuard b = worker();

        CompletableFuture<TaskResult> first = CompletableFuture.supplyAsync(() -> a.run(sync.withKey("file_1"), null, r -> {
            firstInside.set(true);
            entered.countDown();
            try {
                leave.await(10, TimeUnit.SECONDS);
            } finally {
                firstInside.set(false);
            }
        }), firstWorker);
        TaskResult second;
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first body started").isTrue();
            second = b.run(sync.withKey("file_2"), null, r -> {
                bodies.incrementAndGet();
                overlapped.set(firstInside.get());
            });
        } finally {
            leave.countDown();
        }
        TaskResult firstResult = first.get(10, TimeUnit.SECONDS);

        assertThat(second.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(firstResult.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(1);
        assertThat(overlapped).as("the second body ran while the first was inside its own").isTrue();
        assertThat(keyspace()).isEmpty();
    }

    @Test
    void theFencingCounterIsTheTasksTokensIncreaseAcrossKeys() {
        TaskGuard guard = worker();

        long first = guard.run(TaskOptions.recurring("sync").withKey("a"), null, r -> { }).fencingToken();
        long second = guard.run(TaskOptions.recurring("sync").withKey("b"), null, r -> { }).fencingToken();
        long unkeyed = guard.run(TaskOptions.recurring("sync"), null, r -> { }).fencingToken();

        assertThat(List.of(first, second, unkeyed)).containsExactly(1L, 2L, 3L);
    }
}
