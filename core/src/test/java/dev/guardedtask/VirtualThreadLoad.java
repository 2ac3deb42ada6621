package dev.guardedtask;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code n} calls at once, each on a virtual thread of its own (Java 21+), every wait bounded: what each
 * call returned, how long they took, and how many ran on a virtual thread. The code is compiled for Java
 * 17, so it reaches the Java 21 API ({@code Executors.newVirtualThreadPerTaskExecutor()},
 * {@code Thread.isVirtual()}) through method handles.
 *
 * <pre>{@code
 * VirtualThreadLoad load = new VirtualThreadLoad(10_000, Duration.ofSeconds(30));
 * VirtualThreadLoad.Outcomes outcomes = load.run(i -> guard.run(task, date, body));
 * }</pre>
 *
 * <p>A call that takes something other than {@code TaskGuard.run} (an asynchronous path, say) only needs
 * to return its {@link TaskResult} from the function.
 */
final class VirtualThreadLoad {

    private static final MethodHandle NEW_EXECUTOR = find(Executors.class, "newVirtualThreadPerTaskExecutor",
            MethodType.methodType(ExecutorService.class), true);
    private static final MethodHandle IS_VIRTUAL = find(Thread.class, "isVirtual",
            MethodType.methodType(boolean.class), false);

    private final int calls;
    private final Duration bound;
    private final AtomicInteger returned = new AtomicInteger();
    private final AtomicInteger onVirtualThreads = new AtomicInteger();

    /** @param bound how long the calls may take together (and how long they may take to get ready) */
    VirtualThreadLoad(int calls, Duration bound) {
        this.calls = calls;
        this.bound = bound;
    }

    /** Whether this JVM has virtual threads: Java 21 or later. */
    static boolean available() {
        return NEW_EXECUTOR != null && IS_VIRTUAL != null;
    }

    /** How many calls have returned so far (or thrown): a body can wait on it. */
    int returned() {
        return returned.get();
    }

    /**
     * Starts every call on a virtual thread of its own, lets them all go at once when all are ready, and
     * waits for them, at most the bound.
     *
     * @param call call {@code i} of {@code 0..n-1}
     * @throws AssertionError if the calls were not all back within the bound (a deadlock, say) or one threw
     */
    Outcomes run(IntFunction<TaskResult> call) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(calls);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = newVirtualThreadPerTaskExecutor();
        List<Future<TaskResult>> futures = new ArrayList<>(calls);
        long started;
        try {
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    try {
                        ready.countDown();
                        if (!go.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("the start signal did not come within " + bound);
                        }
                        if (isVirtual(Thread.currentThread())) {
                            onVirtualThreads.incrementAndGet();
                        }
                        return call.apply(index);
                    } finally {
                        returned.incrementAndGet();
                    }
                }));
            }
            if (!ready.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(ready.getCount() + " of " + calls + " virtual threads had not started within "
                        + bound);
            }
            started = System.nanoTime();
            go.countDown();
            executor.shutdown();
            if (!executor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError((calls - returned.get()) + " of " + calls + " calls on virtual threads had not "
                        + "returned within " + bound + ": a deadlock, or carriers held by pinned threads");
            }
        } finally {
            executor.shutdownNow();
        }
        long nanos = System.nanoTime() - started;
        List<TaskResult> results = new ArrayList<>(calls);
        for (Future<TaskResult> future : futures) {
            try {
                results.add(future.get(0, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError("a call threw", e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a call was not done after its executor terminated", e);
            }
        }
        return new Outcomes(List.copyOf(results), Duration.ofNanos(nanos), onVirtualThreads.get());
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, on Java 21 or later. */
    static ExecutorService newVirtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) NEW_EXECUTOR.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("Executors.newVirtualThreadPerTaskExecutor() failed", t);
        }
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable t) {
            throw new IllegalStateException("Thread.isVirtual() failed", t);
        }
    }

    private static MethodHandle find(Class<?> owner, String name, MethodType type, boolean isStatic) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return isStatic ? lookup.findStatic(owner, name, type) : lookup.findVirtual(owner, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // before Java 21
        }
    }

    /**
     * What the calls returned, in call order.
     *
     * @param wall from the start signal until the last call returned
     * @param onVirtualThreads how many calls ran on a virtual thread (all of them, unless something is wrong)
     */
    record Outcomes(List<TaskResult> results, Duration wall, int onVirtualThreads) {

        long count(TaskStatus status) {
            return results.stream().filter(r -> r.status() == status).count();
        }

        long skipped(String reason) {
            return results.stream().filter(r -> r.status() == TaskStatus.SKIPPED && reason.equals(r.reason())).count();
        }

        long callsPerSecond() {
            return Math.round(results.size() / (wall.toNanos() / 1e9));
        }

        /** The figures, for the log: {@code 10000 calls in 412 ms, 24272 calls/s (1 success, ...)}. */
        String figures() {
            return String.format("%d calls in %d ms, %d calls/s (%d success, %d already_completed, %d lock_held, %d failed)",
                    results.size(), wall.toMillis(), callsPerSecond(), count(TaskStatus.SUCCESS),
                    skipped(TaskResult.ALREADY_COMPLETED), skipped(TaskResult.LOCK_HELD), count(TaskStatus.FAILED));
        }
    }
}
