package dev.guardedtask.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the locks of running bodies alive. Runs register in a set per renewal period (a third of
 * their lock timeout); one ticker per period extends every lock in its set that still holds its run's
 * id and was not renewed in the last half period. So each lock is renewed at most one and a half
 * periods after the last time (it keeps at least half its timeout), starting and ending a run costs
 * no scheduling, and the ticks never wait on Redis. A lock found gone or taken is reported once and
 * no longer renewed. A tick that throws, whatever it throws, ends neither its ticker nor the other
 * renewals. Stops with the guard.
 *
 * <p>The ticks run on a {@link Ticker}: one shared daemon thread, or a test's own hand.
 */
public final class LockRenewer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LockRenewer.class);

    private final Ticker ticker;
    private final Map<Long, Set<Renewal>> byPeriod = new ConcurrentHashMap<>();

    /** Ticks on a daemon thread, {@code guardedtask-lock-renewal}. */
    public LockRenewer() {
        this(new ThreadTicker());
    }

    public LockRenewer(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Starts renewing {@code lockKey} while it holds {@code taskId}; {@code label}'s {@code toString()}
     * names the run in logs, and is called only if something is logged.
     *
     * @throws RejectedExecutionException if this renewer is closed
     */
    public Renewal start(TaskStore store, String lockKey, String taskId, long lockMillis, Object label) {
        if (ticker.isClosed()) {
            throw new RejectedExecutionException("the lock renewer is closed");
        }
        Set<Renewal> active = byPeriod.computeIfAbsent(Math.max(1, lockMillis / 3), this::startTicker);
        Renewal renewal = new Renewal(store, lockKey, taskId, lockMillis, label, active, ticker.nanoTime());
        active.add(renewal);
        return renewal;
    }

    /**
     * Runs {@code task} on the renewer's thread, whose stack is fresh: for a release that failed on a
     * caller's stack. The task must not block.
     *
     * @throws RejectedExecutionException if this renewer is closed
     */
    public void execute(Runnable task) {
        ticker.execute(task);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return ticker.isClosed();
    }

    @Override
    public void close() {
        ticker.close();
    }

    private Set<Renewal> startTicker(long periodMillis) {
        Set<Renewal> active = ConcurrentHashMap.newKeySet();
        long halfPeriod = TimeUnit.MILLISECONDS.toNanos(periodMillis) / 2;
        ticker.every(periodMillis, () -> tick(active, halfPeriod));
        return active;
    }

    private void tick(Set<Renewal> active, long halfPeriod) {
        long now = ticker.nanoTime();
        for (Renewal renewal : active) {
            try {
                if (now - renewal.renewedAt >= halfPeriod) {
                    renewal.renew(now);
                }
            } catch (Throwable t) { // whatever one renewal throws, the others of its period go on
                renewal.notRenewed(t);
            }
        }
    }

    /** Where a {@link LockRenewer}'s ticks run, and what time they see. Implementations are thread-safe. */
    public interface Ticker {

        /**
         * Runs {@code tick} every {@code periodMillis} until closed.
         *
         * @throws RejectedExecutionException if closed
         */
        void every(long periodMillis, Runnable tick);

        /**
         * Runs {@code task} once, soon, on the ticks' thread.
         *
         * @throws RejectedExecutionException if closed
         */
        void execute(Runnable task);

        /** Time for renewal ages, as {@link System#nanoTime()}. */
        long nanoTime();

        boolean isClosed();

        void close();
    }

    /** One daemon thread. */
    private static final class ThreadTicker implements Ticker {

        private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "guardedtask-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });

        ThreadTicker() {
            scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }

        @Override
        public void every(long periodMillis, Runnable tick) {
            scheduler.scheduleAtFixedRate(() -> {
                try {
                    tick.run();
                } catch (Throwable t) { // the executor would cancel a tick that threw, ending its renewals
                    log.error("lock renewal tick failed; it runs again next period", t);
                }
            }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void execute(Runnable task) {
            scheduler.execute(task);
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean isClosed() {
            return scheduler.isShutdown();
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    /** The renewal of one run's lock. */
    public static final class Renewal {

        private final TaskStore store;
        private final String lockKey;
        private final String taskId;
        private final long lockMillis;
        private final Object label;
        private final Set<Renewal> active;
        private volatile long renewedAt;
        private volatile boolean stopped;
        private volatile boolean lost;

        private Renewal(TaskStore store, String lockKey, String taskId, long lockMillis, Object label,
                        Set<Renewal> active, long now) {
            this.store = store;
            this.lockKey = lockKey;
            this.taskId = taskId;
            this.lockMillis = lockMillis;
            this.label = label;
            this.active = active;
            this.renewedAt = now;
        }

        /** Stops renewing; call before the lock is released, so a release is never mistaken for a loss. */
        public void stop() {
            stopped = true;
            active.remove(this);
        }

        /** Whether a renewal found the lock gone or held by another run. */
        public boolean lost() {
            return lost;
        }

        private void renew(long now) {
            renewedAt = now;
            store.renew(lockKey, taskId, lockMillis).whenComplete(this::renewed);
        }

        private void notRenewed(Throwable error) {
            log.warn("{}: could not renew lock {} (tries again within {} ms): {}",
                    label, lockKey, lockMillis / 3,
                    String.valueOf(error instanceof CompletionException ? error.getCause() : error));
        }

        private void renewed(Boolean owned, Throwable error) {
            if (error != null) {
                notRenewed(error);
            } else if (!owned && !stopped) {
                lost = true;
                active.remove(this);
                log.warn("{}: lock {} expired or was taken by another worker while the body ran; "
                        + "the run goes on and will end with warning lock_lost", label, lockKey);
            }
        }
    }
}
