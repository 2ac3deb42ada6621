package dev.guardedtask.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that runs the ticks and the handed-off tasks. Handing a task over takes no lock
 * (a lock-free queue and an unpark): it is done from stacks about to overflow, where a
 * {@code StackOverflowError} inside a lock's critical section would leave the lock held for good
 * (as it does inside {@code ScheduledThreadPoolExecutor}'s queue).
 */
final class ThreadTicker implements LockRenewer.Ticker {

    // Under LockRenewer's category: the renewer is what users see in logs.
    private static final Logger log = LoggerFactory.getLogger(LockRenewer.class);

    private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Periodic> periodics = new CopyOnWriteArrayList<>();
    private final Thread thread = new Thread(this::loop, "guardedtask-lock-renewal");
    private volatile boolean closed;

    ThreadTicker() {
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void every(long periodMillis, Runnable tick) {
        rejectIfClosed();
        long period = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        periodics.add(new Periodic(tick, period, System.nanoTime() + period));
        LockSupport.unpark(thread);
    }

    @Override
    public void execute(Runnable task) {
        rejectIfClosed();
        tasks.offer(task);
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (!closed) {
            runTasks();
            long now = System.nanoTime();
            long next = now + MAX_PARK_NANOS;
            for (Periodic periodic : periodics) {
                if (periodic.due - now <= 0) {
                    runSafely(periodic.tick);
                    periodic.due = Math.max(periodic.due + periodic.period, now + 1);
                }
                next = Math.min(next, periodic.due);
            }
            if (tasks.isEmpty() && !closed) {
                LockSupport.parkNanos(this, next - System.nanoTime());
            }
        }
        runTasks(); // releases handed over before the guard closed still go out
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            runSafely(task);
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) { // one failing tick or task must not end the thread that serves them all
            log.error("lock renewal thread: a task failed; the thread goes on", t);
        }
    }

    private void rejectIfClosed() {
        if (closed) {
            throw new RejectedExecutionException("the lock renewer is closed");
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** A tick and when it is next due; {@code due} is read and written by the ticker's thread only. */
    private static final class Periodic {

        final Runnable tick;
        final long period;
        long due;

        Periodic(Runnable tick, long period, long due) {
            this.tick = tick;
            this.period = period;
            this.due = due;
        }
    }
}
