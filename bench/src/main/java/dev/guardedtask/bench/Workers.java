package dev.guardedtask.bench;

import org.HdrHistogram.Histogram;

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

    /** Latencies to 3 significant digits (0.1 %), the histograms resizing to the largest value recorded. */
    private static final int SIGNIFICANT_DIGITS = 3;

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
     * What a timed round measured: calls, calls per second, CPU time of this whole JVM per call in µs (all
     * threads, the client libraries' own included; the Redis server is another process), and the latency of
     * each call in µs (the workers' histograms merged). On a shared, busy machine the CPU cost per call is
     * steadier than ops/s.
     */
    record Rate(long calls, double opsPerSecond, double cpuMicrosPerOp, Histogram latencyMicros) {
    }

    /**
     * Calls {@code operation} from {@code threads} threads for {@code seconds}, each call on a fresh date.
     * Each thread records its calls' latencies in a histogram of its own (nothing shared on the hot path but
     * the date counter), merged once the round is over. Each thread makes at least one call: a thread
     * scheduled only after the deadline (a busy machine, a tiny smoke-test round) would otherwise leave a
     * round with no calls and a rate of zero.
     */
    Rate forSeconds(Operation operation, String task, int threads, double seconds) {
        AtomicLong next = new AtomicLong();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Future<Histogram>> calls = submit(threads, () -> {
            Histogram latencies = new Histogram(SIGNIFICANT_DIGITS);
            long end;
            do {
                String date = Dates.nth(next.getAndIncrement());
                long begin = System.nanoTime();
                operation.call(task, date);
                end = System.nanoTime();
                latencies.recordValue((end - begin) / 1_000);
            } while (end < deadline);
            return latencies;
        });
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        for (Future<Histogram> call : calls) {
            merged.add(await(call));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = merged.getTotalCount();
        return new Rate(total, total / elapsed, (processCpuNanos() - cpu) / 1e3 / total, merged);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Calls {@code operation} once from each of {@code threads} threads, for the same task and date. */
    void onceEach(Operation operation, String task, String date, int threads) {
        for (Future<Boolean> call : submit(threads, () -> {
            operation.call(task, date);
            return true;
        })) {
            await(call);
        }
    }

    private <T> List<Future<T>> submit(int threads, Work<T> work) {
        if (threads > size) {
            throw new IllegalArgumentException(threads + " threads asked of a pool of " + size);
        }
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> calls = new ArrayList<>();
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

    private static <T> T await(Future<T> call) {
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
    private interface Work<T> {
        T run() throws Exception;
    }
}
