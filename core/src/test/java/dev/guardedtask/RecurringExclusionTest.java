package dev.guardedtask;

import dev.guardedtask.internal.MemoryTaskStore;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recurring task never runs twice at once, whatever date each worker computed (midnight, zones,
 * explicit dates); a daily task is exclusive per date only. Each case holds the first run's body open
 * with a latch and makes the second call while it is inside.
 */
class RecurringExclusionTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final TaskOptions RECURRING = TaskOptions.recurring("task_odds");
    static final TaskOptions DAILY = TaskOptions.daily("task_report");
    /** Worker A's clock: 2026-03-05, two seconds before midnight UTC. */
    static final Clock BEFORE_MIDNIGHT = Clock.fixed(Instant.parse("2026-03-05T23:59:58Z"), ZoneOffset.UTC);
    /** Worker B's clock, three seconds ahead: already 2026-03-06. */
    static final Clock AFTER_MIDNIGHT = Clock.fixed(Instant.parse("2026-03-06T00:00:01Z"), ZoneOffset.UTC);

    private final ExecutorService firstWorker = Executors.newSingleThreadExecutor();
    private final List<TaskGuard> guards = new ArrayList<>();
    private final List<RedissonClient> clients = new ArrayList<>();
    private final AtomicInteger secondBodies = new AtomicInteger();

    @AfterEach
    void stop() {
        firstWorker.shutdownNow();
        guards.forEach(TaskGuard::close);
        clients.forEach(RedissonClient::shutdown);
    }

    private TaskGuard onRedis(Clock clock, KeyScheme scheme) {
        RedissonClient client = redis.connect(); // a worker of its own
        clients.add(client);
        TaskGuard guard = TaskGuard.builder().redisson(client).keyScheme(scheme).clock(clock).build();
        guards.add(guard);
        return guard;
    }

    /** The first run, on its own thread, with its body held open until {@link Inside#leave()}. */
    private Inside enter(TaskGuard guard, TaskOptions task, String date) throws InterruptedException {
        Inside inside = new Inside();
        inside.result = CompletableFuture.supplyAsync(() -> guard.run(task, date, r -> {
            inside.taskId.set(r.taskId());
            inside.entered.countDown();
            inside.leave.await(10, TimeUnit.SECONDS);
        }), firstWorker);
        assertThat(inside.entered.await(10, TimeUnit.SECONDS)).as("the first body started").isTrue();
        return inside;
    }

    private TaskResult second(TaskGuard guard, TaskOptions task, String date) {
        return guard.run(task, date, r -> secondBodies.incrementAndGet());
    }

    @Test
    void aRecurringRunAfterMidnightOnAnotherWorkersClockIsHeldByTheRunStillInItsBodyBeforeMidnight() throws Exception {
        TaskGuard a = onRedis(BEFORE_MIDNIGHT, KeyScheme.PLAIN);
        TaskGuard b = onRedis(AFTER_MIDNIGHT, KeyScheme.PLAIN);

        Inside first = enter(a, RECURRING, null);
        List<String> keysWhileInside = List.copyOf(redis.keyspace());
        TaskResult held = second(b, RECURRING, null);
        TaskResult firstResult = first.leave();
        TaskResult afterwards = second(b, RECURRING, null);

        assertThat(keysWhileInside).containsExactly("lock:task_odds:20260305=" + first.taskId.get(),
                "lock:task_odds=" + first.taskId.get());
        assertThat(held.date()).isEqualTo("20260306");
        assertThat(held.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(held.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(firstResult.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(firstResult.warnings()).isEmpty();
        assertThat(afterwards.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(secondBodies).hasValue(1);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void workersInZonesOnEitherSideOfMidnightDoNotRunARecurringTaskAtOnce() throws Exception {
        Clock utcNoon = Clock.fixed(Instant.parse("2026-03-05T12:00:00Z"), ZoneOffset.UTC);
        TaskGuard tokyo = TaskGuard.builder().redisson(redis.client()).clock(utcNoon).zone(ZoneId.of("Asia/Tokyo"))
                .build(); // 21:00 on the 5th
        TaskGuard kiritimati = TaskGuard.builder().redisson(redis.client()).clock(utcNoon)
                .zone(ZoneId.of("Pacific/Kiritimati")).build(); // 02:00 on the 6th
        guards.add(tokyo);
        guards.add(kiritimati);

        Inside first = enter(tokyo, RECURRING, null);
        TaskResult held = second(kiritimati, RECURRING, null);
        first.leave();

        assertThat(first.result.get().date()).isEqualTo("20260305");
        assertThat(held.date()).isEqualTo("20260306");
        assertThat(held.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(secondBodies).hasValue(0);
    }

    @Test
    void aRecurringRunForAnExplicitOtherDateIsHeldWithEitherKeyScheme() throws Exception {
        for (KeyScheme scheme : KeyScheme.values()) {
            TaskGuard guard = onRedis(TestClocks.fixed(), scheme);

            Inside first = enter(guard, RECURRING, "20260305");
            TaskResult held = second(guard, RECURRING, "20260306");
            first.leave();

            assertThat(held.reason()).as(scheme.name()).isEqualTo(TaskResult.LOCK_HELD);
            assertThat(first.result.get().status()).as(scheme.name()).isEqualTo(TaskStatus.SUCCESS);
        }
        assertThat(secondBodies).hasValue(0);
    }

    @Test
    void dailyRunsForDifferentDatesRunAtOnceAsABackfillDoes() throws Exception {
        TaskGuard guard = onRedis(TestClocks.fixed(), KeyScheme.PLAIN);

        Inside first = enter(guard, DAILY, "20260305");
        TaskResult other = second(guard, DAILY, "20260306");
        TaskResult sameDate = second(guard, DAILY, "20260305");
        first.leave();

        assertThat(other.status()).as("ran while the 5th's body was inside").isEqualTo(TaskStatus.SUCCESS);
        assertThat(sameDate.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(secondBodies).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:task_report:20260305=completed",
                "success:task_report:20260306=completed");
    }

    @Test
    void theClusterSchemeNamesEveryKeyOfATaskWithItsHashTag() throws Exception {
        TaskGuard guard = onRedis(TestClocks.fixed(), KeyScheme.CLUSTER);

        Inside first = enter(guard, RECURRING, null);
        List<String> keysWhileInside = List.copyOf(redis.keyspace());
        first.leave();
        guard.run(DAILY, null, r -> { });

        assertThat(keysWhileInside).containsExactly("lock:{task_odds}:20261128=" + first.taskId.get(),
                "lock:{task_odds}=" + first.taskId.get());
        assertThat(redis.keyspace()).containsExactly("success:{task_report}:20261128=completed");
    }

    @Test
    void aRecurringRunThatLostItsTaskLockEndsWithLockLostAndLeavesTheNewOwnersLock() throws Exception {
        TaskGuard a = onRedis(BEFORE_MIDNIGHT, KeyScheme.PLAIN);
        TaskGuard b = onRedis(AFTER_MIDNIGHT, KeyScheme.PLAIN);
        AtomicReference<String> newOwner = new AtomicReference<>();
        CountDownLatch newOwnerInside = new CountDownLatch(1);
        CountDownLatch firstEnded = new CountDownLatch(1);
        AtomicReference<String> taskLockWhenFirstEnded = new AtomicReference<>();
        CompletableFuture<TaskResult> newRun = new CompletableFuture<>();

        TaskResult lost = a.run(RECURRING, null, r -> {
            redis.delete("lock:task_odds"); // by hand, as an operator clearing a lock would
            CompletableFuture.runAsync(() -> newRun.complete(b.run(RECURRING, null, n -> {
                newOwner.set(n.taskId());
                newOwnerInside.countDown();
                firstEnded.await(10, TimeUnit.SECONDS);
                taskLockWhenFirstEnded.set(redis.get("lock:task_odds"));
            })));
            newOwnerInside.await(10, TimeUnit.SECONDS);
        });
        List<String> keysWhenFirstEnded = List.copyOf(redis.keyspace());
        firstEnded.countDown();

        assertThat(lost.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(lost.warnings()).containsExactly(TaskResult.LOCK_LOST);
        assertThat(keysWhenFirstEnded).containsExactly("lock:task_odds:20260306=" + newOwner.get(),
                "lock:task_odds=" + newOwner.get());
        assertThat(newRun.get(10, TimeUnit.SECONDS).warnings()).isEmpty();
        assertThat(taskLockWhenFirstEnded.get()).isEqualTo(newOwner.get());
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void theInMemoryStoreHoldsARecurringTaskAcrossDatesToo() throws Exception {
        MemoryTaskStore shared = new MemoryTaskStore(BEFORE_MIDNIGHT);
        TaskGuard a = TaskGuard.builder().store(shared).clock(BEFORE_MIDNIGHT).build();
        TaskGuard b = TaskGuard.builder().store(shared).clock(AFTER_MIDNIGHT).build();
        TaskGuard explicit = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();
        guards.addAll(List.of(a, b, explicit));

        Inside first = enter(a, RECURRING, null);
        TaskResult heldAfterMidnight = second(b, RECURRING, null);
        first.leave();
        Inside firstExplicit = enter(explicit, RECURRING, "20260305");
        TaskResult heldOtherDate = second(explicit, RECURRING, "20260306");
        TaskResult dailyOtherDate = second(explicit, DAILY, "20260306");
        firstExplicit.leave();

        assertThat(heldAfterMidnight.date()).isEqualTo("20260306");
        assertThat(heldAfterMidnight.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(heldOtherDate.reason()).isEqualTo(TaskResult.LOCK_HELD);
        assertThat(dailyOtherDate.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(secondBodies).hasValue(1);
        assertThat(second(b, RECURRING, null).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    /** A first run whose body waits inside. */
    private static final class Inside {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch leave = new CountDownLatch(1);
        final AtomicReference<String> taskId = new AtomicReference<>();
        CompletableFuture<TaskResult> result;

        TaskResult leave() throws Exception {
            leave.countDown();
            return result.get(10, TimeUnit.SECONDS);
        }
    }
}
