package dev.guardedtask.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the locks of running bodies alive. Runs register in a set per renewal period (a third of
 * their lock timeout); one ticker per period, on one shared daemon thread, extends every lock in its
 * set that still holds its run's id and was not renewed in the last half period. So each lock is
 * renewed at most one and a half periods after the last time (it keeps at least half its timeout),
 * starting and ending a run costs no scheduling, and the thread never waits on Redis. A lock found
 * gone or taken is reported once and no longer renewed. Stops with the guard.
 */
public final class LockRenewer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LockRenewer.class);

    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<Long, Set<Renewal>> byPeriod = new ConcurrentHashMap<>();

    public LockRenewer() {
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "guardedtask-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts renewing {@code lockKey} while it holds {@code taskId}; {@code label}'s {@code toString()}
     * names the run in logs, and is called only if something is logged.
     *
     * @throws RejectedExecutionException if this renewer is closed
     */
    public Renewal start(TaskStore store, String lockKey, String taskId, long lockMillis, Object label) {
        if (scheduler.isShutdown()) {
            throw new RejectedExecutionException("the lock renewer is closed");
        }
        Set<Renewal> active = byPeriod.computeIfAbsent(Math.max(1, lockMillis / 3), this::startTicker);
        Renewal renewal = new Renewal(store, lockKey, taskId, lockMillis, label, active);
        active.add(renewal);
        return renewal;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return scheduler.isShutdown();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private Set<Renewal> startTicker(long periodMillis) {
        Set<Renewal> active = ConcurrentHashMap.newKeySet();
        long halfPeriod = TimeUnit.MILLISECONDS.toNanos(periodMillis) / 2;
        scheduler.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (Renewal renewal : active) {
                if (now - renewal.renewedAt >= halfPeriod) {
                    renewal.renew(now);
                }
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return active;
    }

    /** The renewal of one run's lock. */
    public static final class Renewal {

        private final TaskStore store;
        private final String lockKey;
        private final String taskId;
        private final long lockMillis;
        private final Object label;
        private final Set<Renewal> active;
        private volatile long renewedAt = System.nanoTime();
        private volatile boolean stopped;
        private volatile boolean lost;

        private Renewal(TaskStore store, String lockKey, String taskId, long lockMillis, Object label,
                        Set<Renewal> active) {
            this.store = store;
            this.lockKey = lockKey;
            this.taskId = taskId;
            this.lockMillis = lockMillis;
            this.label = label;
            this.active = active;
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
            CompletionStage<Boolean> renewed;
            try {
                renewed = store.renew(lockKey, taskId, lockMillis);
            } catch (Throwable e) { // a tick that threw would end its ticker, and every renewal of its period
                renewed = CompletableFuture.failedFuture(e);
            }
            renewed.whenComplete((owned, error) -> {
                if (error != null) {
                    log.warn("{}: could not renew lock {} (tries again within {} ms): {}",
                            label, lockKey, lockMillis / 3, error.getMessage());
                } else if (!owned && !stopped) {
                    lost = true;
                    active.remove(this);
                    log.warn("{}: lock {} expired or was taken by another worker while the body ran; "
                            + "the run goes on and will end with warning lock_lost", label, lockKey);
                }
            });
        }
    }
}
