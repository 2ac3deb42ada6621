package dev.guardedtask.reliability;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.testsupport.TestClocks;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker JVM for the reliability tests, started with the test class path:
 * <ul>
 *   <li>{@code race URI PROCESSES DATES THREADS ITERATIONS}: THREADS threads run a daily task over DATES
 *   dates, every date started together by all threads of all PROCESSES JVMs (a barrier in Redis); then
 *   each thread runs a recurring task ITERATIONS times. Bodies count their executions in Redis
 *   ({@code exec:{date}}) and an overlap gauge ({@code running}, {@code overlaps}), outside the protocol.
 *   Prints {@code outcomes {status/reason=count}}.</li>
 *   <li>{@code hang URI LOCK_MILLIS}: runs a daily task whose body marks {@code crash:started} and never
 *   returns, until the process is killed.</li>
 * </ul>
 */
public final class WorkerProcess {

    static final LocalDate FIRST_DATE = LocalDate.of(2030, 1, 1);
    static final TaskOptions DAILY = TaskOptions.daily("race_daily");
    static final TaskOptions RECURRING = TaskOptions.recurring("race_recurring");
    static final TaskOptions HANGING = TaskOptions.daily("crash_task");
    static final String CRASH_DATE = "20300101";

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        RedissonClient client = connect(args[1]);
        try {
            if (args[0].equals("race")) {
                race(client, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
            } else {
                hang(client, Long.parseLong(args[2]));
            }
        } finally {
            client.shutdown();
        }
    }

    static String date(int index) {
        return FIRST_DATE.plusDays(index).toString().replace("-", "");
    }

    private static void race(RedissonClient client, int processes, int dates, int threads, int iterations)
            throws Exception {
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger round = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(threads,
                () -> acrossProcesses(client, "arrived:" + date(round.getAndIncrement()), processes));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (TaskGuard guard = TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).build()) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (int d = 0; d < dates; d++) {
                        together.await(60, TimeUnit.SECONDS);
                        String date = date(d);
                        count(outcomes, guard.run(DAILY, date,
                                r -> client.getAtomicLong("exec:" + date).incrementAndGet()));
                    }
                    for (int i = 0; i < iterations; i++) {
                        count(outcomes, guard.run(RECURRING, CRASH_DATE, r -> overlapGauge(client)));
                    }
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("outcomes " + outcomes);
    }

    /** Returns once all {@code processes} reached {@code key}: a barrier across JVMs. */
    private static void acrossProcesses(RedissonClient client, String key, int processes) {
        client.getAtomicLong(key).incrementAndGet();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.getAtomicLong(key).get() < processes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The other worker processes never reached " + key);
            }
            LockSupport.parkNanos(100_000); // poll every 0.1 ms: the others are due within milliseconds
        }
    }

    private static void overlapGauge(RedissonClient client) {
        if (client.getAtomicLong("running").incrementAndGet() > 1) {
            client.getAtomicLong("overlaps").incrementAndGet();
        }
        client.getAtomicLong("recurring_execs").incrementAndGet();
        client.getAtomicLong("running").decrementAndGet();
    }

    private static void count(Map<String, AtomicInteger> outcomes, TaskResult result) {
        outcomes.computeIfAbsent(result.status() + "/" + result.reason(), k -> new AtomicInteger()).incrementAndGet();
    }

    private static void hang(RedissonClient client, long lockMillis) throws InterruptedException {
        TaskGuard guard = TaskGuard.builder().redisson(client).clock(TestClocks.fixed())
                .lockTimeout(Duration.ofMillis(lockMillis)).build();
        guard.run(HANGING, CRASH_DATE, r -> {
            client.getBucket("crash:started", org.redisson.client.codec.StringCodec.INSTANCE).set(r.taskId());
            new CountDownLatch(1).await();
        });
    }

    private static RedissonClient connect(String uri) {
        Config config = new Config();
        config.useSingleServer().setAddress(uri).setConnectionPoolSize(32).setConnectionMinimumIdleSize(8);
        return Redisson.create(config);
    }
}
