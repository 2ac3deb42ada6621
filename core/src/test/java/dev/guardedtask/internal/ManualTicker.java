package dev.guardedtask.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link LockRenewer.Ticker} driven by the test: time moves only by {@link #advance}, which runs
 * every tick that fell due on the calling thread; tasks given to {@code execute} run at once, on the
 * calling thread too. So renewal tests decide what happened without waiting on the wall clock.
 */
public final class ManualTicker implements LockRenewer.Ticker {

    private final Map<Runnable, Long> periods = new ConcurrentHashMap<>();
    private final Map<Runnable, Long> nextDue = new ConcurrentHashMap<>();
    private final List<Runnable> executed = new CopyOnWriteArrayList<>();
    private volatile long nanos;
    private volatile boolean closed;

    @Override
    public void every(long periodMillis, Runnable tick) {
        rejectIfClosed();
        long period = Duration.ofMillis(periodMillis).toNanos();
        periods.put(tick, period);
        nextDue.put(tick, nanos + period);
    }

    private volatile Throwable nextExecuteFault;

    /** The next {@link #execute} throws {@code fault} instead of running its task, as a hand-over with no stack left. */
    public void failNextExecute(Throwable fault) {
        nextExecuteFault = fault;
    }

    @Override
    public void execute(Runnable task) {
        rejectIfClosed();
        Throwable fault = nextExecuteFault;
        if (fault != null) {
            nextExecuteFault = null;
            throw FaultyStore.Sneaky.<RuntimeException>raise(fault);
        }
        executed.add(task);
        task.run();
    }

    /** Moves time by {@code duration} and runs each tick as often as it fell due, in time order. */
    public synchronized void advance(Duration duration) {
        long end = nanos + duration.toNanos();
        while (!closed) {
            Runnable due = null;
            long at = Long.MAX_VALUE;
            for (Map.Entry<Runnable, Long> next : nextDue.entrySet()) {
                if (next.getValue() <= end && next.getValue() < at) {
                    due = next.getKey();
                    at = next.getValue();
                }
            }
            if (due == null) {
                break;
            }
            nanos = at;
            nextDue.put(due, at + periods.get(due));
            due.run();
        }
        nanos = end;
    }

    /** How many tasks were handed to {@link #execute}. */
    public int executedTasks() {
        return executed.size();
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void rejectIfClosed() {
        if (closed) {
            throw new RejectedExecutionException("the ticker is closed");
        }
    }
}
