package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 threads on two workers (two guards, two Redis connections) start together on the same daily
 * task and date, over many dates: the body runs exactly once per date. With the boilerplate's
 * separate EXISTS and SET NX, 8 such threads ran about a third of 500 dates twice (the benchmark's
 * contention run).
 */
class RaceTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final int THREADS = 16;
    static final int DATES = 60;

    static RedissonClient secondWorker;

    @BeforeAll
    static void connectSecondWorker() {
        secondWorker = redis.connect();
    }

    @AfterAll
    static void disconnect() {
        secondWorker.shutdown();
    }

    @Test
    void aDailyTaskRunsExactlyOncePerDateUnderARace() throws Exception {
        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        TaskOptions task = TaskOptions.daily("task_race");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (TaskGuard first = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
             TaskGuard second = TaskGuard.builder().redisson(secondWorker).clock(TestClocks.fixed()).build()) {
            for (int d = 0; d < DATES; d++) {
                String date = LocalDate.of(2026, 1, 1).plusDays(d).toString().replace("-", "");
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<TaskResult>> calls = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    TaskGuard guard = t % 2 == 0 ? first : second;
                    calls.add(pool.submit(() -> {
                        start.await();
                        return guard.run(task, date, r ->
                                executions.computeIfAbsent(date, k -> new AtomicInteger()).incrementAndGet());
                    }));
                }
                for (Future<TaskResult> call : calls) {
                    TaskResult result = call.get();
                    outcomes.merge(result.status() + "/" + result.reason(), 1, Integer::sum);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(executions).hasSize(DATES);
        assertThat(executions.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(outcomes).containsEntry("SUCCESS/null", DATES);
        assertThat(outcomes.keySet()).containsOnly("SUCCESS/null", "SKIPPED/already_completed", "SKIPPED/lock_held");
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DATES * THREADS);
    }
}
