package dev.guardedtask.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads that call an operation together: for a fixed time on fresh dates ({@link #forSeconds}),
 * or once each on the same date ({@link #onceEach}). The pool is made once and reused.
 */
final class Workers implements AutoCloseable {

    private final ExecutorService pool;
    private final int size;

    Workers(int size) {
        this.size = size;
        this.pool = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "bench-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * What a timed round measured: calls per second, and CPU time of this whole JVM per call in µs (all
     * threads, the client libraries' own included; the Redis server is another process). On a shared,
     * busy machine the CPU cost per call is steadier than ops/s.
     */
    record Rate(double opsPerSecond, double cpuMicrosPerOp) {
    }

    /**
     * Calls {@code operation} from {@code threads} threads for {@code seconds}, each call on a fresh date.
     * Each thread makes at least one call: a thread scheduled only after the deadline (a busy machine, a
     * tiny smoke-test round) would otherwise leave a round with no calls and a rate of zero.
     */
    Rate forSeconds(Operation operation, String task, int threads, double seconds) {
        AtomicLong next = new AtomicLong();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Future<Long>> calls = submit(threads, () -> {
            long done = 0;
            do {
                operation.call(task, Dates.nth(next.getAndIncrement()));
                done++;
            } while (System.nanoTime() < deadline);
            return done;
        });
        long total = 0;
        for (Future<Long> call : calls) {
            total += await(call);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Rate(total / elapsed, (processCpuNanos() - cpu) / 1e3 / total);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Calls {@code operation} once from each of {@code threads} threads, for the same task and date. */
    void onceEach(Operation operation, String task, String date, int threads) {
        for (Future<Long> call : submit(threads, () -> {
            operation.call(task, date);
            return 1L;
        })) {
            await(call);
        }
    }

    private List<Future<Long>> submit(int threads, Work work) {
        if (threads > size) {
            throw new IllegalArgumentException(threads + " threads asked of a pool of " + size);
        }
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return work.run();
            }));
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the workers", e);
        }
        go.countDown();
        return calls;
    }

    private static long await(Future<Long> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new CompletionException("a benchmark call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the workers", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Work {
        long run() throws Exception;
    }
}
