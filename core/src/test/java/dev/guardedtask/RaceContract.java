package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 threads on two workers (two guards, two Redis connections) start together on the same daily
 * task and date, over many dates: the body runs exactly once per date. With the boilerplate's
 * separate EXISTS and SET NX, 8 such threads ran about a third of 500 dates twice (the benchmark's
 * contention run).
 *
 * <p>Run on each topology by a subclass that supplies its clients: {@code RaceTest} (one server),
 * {@code SentinelRaceIT} (a Sentinel group), {@code ClusterRaceIT} (3 masters + 3 replicas, where the
 * cluster client gives the guards the cluster key scheme).
 */
abstract class RaceContract {

    static final int THREADS = 16;
    static final int DATES = 60;

    private RedissonClient secondWorker;

    /** The first worker's client, shared by the suite's tests. */
    abstract RedissonClient client();

    /** A client of its own for the second worker; shut down after the test. */
    abstract RedissonClient connect();

    /** Every key on the server(s) as {@code key=value}. */
    abstract Set<String> keyspace();

    /** The key scheme the guards use on this topology (chosen from the client, not set by the test). */
    KeyScheme scheme() {
        return KeyScheme.PLAIN;
    }

    @BeforeEach
    void connectSecondWorker() {
        secondWorker = connect();
    }

    @AfterEach
    void disconnect() {
        secondWorker.shutdown();
    }

    @Test
    void aDailyTaskRunsExactlyOncePerDateUnderARace() throws Exception {
        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        TaskOptions task = TaskOptions.daily("task_race");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (TaskGuard first = TaskGuard.builder().redisson(client()).clock(TestClocks.fixed()).build();
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
        String name = scheme() == KeyScheme.CLUSTER ? "{task_race}" : "task_race";
        assertThat(keyspace()).hasSize(DATES).allSatisfy(entry ->
                assertThat(entry).matches("success:" + Pattern.quote(name) + ":2026\\d{4}=completed"));
    }
}
