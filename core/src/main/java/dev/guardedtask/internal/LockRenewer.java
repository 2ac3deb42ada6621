package dev.guardedtask.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the locks of running bodies alive: every third of the lock timeout, from one shared daemon
 * thread that never waits on Redis, it extends each lock that still holds its run's id. A lock found
 * gone or taken is reported once and no longer renewed. Stops with the guard.
 */
public final class LockRenewer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LockRenewer.class);

    private final ScheduledThreadPoolExecutor scheduler;

    public LockRenewer() {
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "guardedtask-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts renewing {@code lockKey} while it holds {@code taskId}; {@code label}'s {@code toString()}
     * names the run in logs, and is called only if something is logged.
     *
     * @throws RejectedExecutionException if this renewer is closed
     */
    public Renewal start(TaskStore store, String lockKey, String taskId, long lockMillis, Object label) {
        Renewal renewal = new Renewal(store, lockKey, taskId, lockMillis, label);
        long period = Math.max(1, lockMillis / 3);
        renewal.future = scheduler.scheduleAtFixedRate(renewal::renew, period, period, TimeUnit.MILLISECONDS);
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

    /** The renewal of one run's lock. */
    public static final class Renewal {

        private final TaskStore store;
        private final String lockKey;
        private final String taskId;
        private final long lockMillis;
        private final Object label;
        private volatile ScheduledFuture<?> future;
        private volatile boolean stopped;
        private volatile boolean lost;

        private Renewal(TaskStore store, String lockKey, String taskId, long lockMillis, Object label) {
            this.store = store;
            this.lockKey = lockKey;
            this.taskId = taskId;
            this.lockMillis = lockMillis;
            this.label = label;
        }

        /** Stops renewing; call before the lock is released, so a release is never mistaken for a loss. */
        public void stop() {
            stopped = true;
            cancel();
        }

        /** Whether a renewal found the lock gone or held by another run. */
        public boolean lost() {
            return lost;
        }

        private void cancel() {
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }

        private void renew() {
            store.renew(lockKey, taskId, lockMillis).whenComplete((owned, error) -> {
                if (error != null) {
                    log.warn("{}: could not renew lock {} (tries again in {} ms): {}",
                            label, lockKey, Math.max(1, lockMillis / 3), error.getMessage());
                } else if (!owned && !stopped) {
                    lost = true;
                    cancel();
                    log.warn("{}: lock {} expired or was taken by another worker while the body ran; "
                            + "the run goes on and will end with warning lock_lost", label, lockKey);
                }
            });
        }
    }
}
