package dev.guardedtask.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** How often {@link #within}'s deadlines are checked. */
    static final long DEADLINE_CHECK_MILLIS = 500;

    private final Ticker ticker;
    private final Map<Long, Set<Renewal>> byPeriod = new ConcurrentHashMap<>();
    private final Set<Deadline> deadlines = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkingDeadlines = new AtomicBoolean();

    /** Ticks on a daemon thread, {@code guardedtask-lock-renewal}. */
    public LockRenewer() {
        this(new ThreadTicker());
    }

    public LockRenewer(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Starts renewing the locks of {@code keys} while they hold {@code taskId}; {@code label}'s {@code toString()}
     * names the run in logs, and is called only if something is logged.
     *
     * @throws RejectedExecutionException if this renewer is closed
     */
    public Renewal start(TaskStore store, RunKeys keys, String taskId, long lockMillis, Object label) {
        if (ticker.isClosed()) {
            throw new RejectedExecutionException("the lock renewer is closed");
        }
        Set<Renewal> active = byPeriod.computeIfAbsent(Math.max(1, lockMillis / 3), this::startTicker);
        Renewal renewal = new Renewal(store, keys, taskId, lockMillis, label, active, ticker.nanoTime());
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

    /**
     * Runs {@code task} on the renewer's thread every {@code periodMillis} until closed; it must not block.
     *
     * @throws RejectedExecutionException if this renewer is closed
     */
    public void every(long periodMillis, Runnable task) {
        ticker.every(periodMillis, task);
    }

    /**
     * A stage that completes as {@code stage} does, or fails with a {@link TimeoutException} if {@code stage} has
     * not completed within {@code millis} (checked every {@value #DEADLINE_CHECK_MILLIS} ms on the renewer's
     * thread: not {@code CompletableFuture.orTimeout}, whose JVM-wide queue an overflowing stack can corrupt,
     * docs/guide.md "Errors"). Once this renewer is closed, {@code stage} is not bounded.
     */
    public <T> CompletableFuture<T> within(CompletionStage<T> stage, long millis) {
        CompletableFuture<T> bounded = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                bounded.complete(value);
            } else {
                bounded.completeExceptionally(error);
            }
        });
        if (!bounded.isDone() && startCheckingDeadlines()) {
            Deadline deadline = new Deadline(bounded, ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), millis);
            deadlines.add(deadline);
            bounded.whenComplete((value, error) -> deadlines.remove(deadline));
        }
        return bounded;
    }

    /** Whether the deadlines are checked; starts their check on the first call. */
    private boolean startCheckingDeadlines() {
        if (checkingDeadlines.get() || !checkingDeadlines.compareAndSet(false, true)) {
            return !ticker.isClosed();
        }
        try {
            ticker.every(DEADLINE_CHECK_MILLIS, this::expireDeadlines);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    private void expireDeadlines() {
        long now = ticker.nanoTime();
        for (Deadline deadline : deadlines) {
            if (now - deadline.atNanos >= 0) {
                deadlines.remove(deadline);
                deadline.stage.completeExceptionally(new TimeoutException("no answer within " + deadline.millis + " ms"));
            }
        }
    }

    /** A stage {@link #within} bounds, by identity. */
    private static final class Deadline {

        final CompletableFuture<?> stage;
        final long atNanos;
        final long millis;

        Deadline(CompletableFuture<?> stage, long atNanos, long millis) {
            this.stage = stage;
            this.atNanos = atNanos;
            this.millis = millis;
        }
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
                if (renewal.releaseRequested) {
                    active.remove(renewal);
                    renewal.release();
                } else if (renewal.stopped) {
                    active.remove(renewal);
                } else if (now - renewal.renewedAt >= halfPeriod) {
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

    /** The renewal of one run's locks. */
    public static final class Renewal {

        private final TaskStore store;
        private final RunKeys keys;
        private final String taskId;
        private final long lockMillis;
        private final Object label;
        private final Set<Renewal> active;
        private final Thread owner = Thread.currentThread();
        private volatile long renewedAt;
        private volatile boolean stopped;
        private volatile boolean lost;
        private volatile boolean releaseRequested;
        private String successKey;
        private long successMillis;

        private Renewal(TaskStore store, RunKeys keys, String taskId, long lockMillis, Object label,
                        Set<Renewal> active, long now) {
            this.store = store;
            this.keys = keys.withoutSuccess();
            this.taskId = taskId;
            this.lockMillis = lockMillis;
            this.label = label;
            this.active = active;
            this.renewedAt = now;
        }

        /**
         * Stops renewing; call before the lock is released, so a release is never mistaken for a loss.
         * Only sets a flag, so it needs no more stack than one small frame.
         */
        public void stop() {
            stopped = true;
        }

        /**
         * Leaves the renewer for good, once the lock is released (or left to expire, or never taken): a renewal still
         * on its way is not reported as a loss.
         */
        public void forget() {
            stopped = true;
            active.remove(this);
        }

        /**
         * Asks the renewer's next tick to release the locks ({@link TaskStore#finish}), recording success
         * with {@code successKey} unless it is {@code null}: for a run whose own release threw. Only sets
         * fields, so it needs no more stack than one small frame.
         */
        public void releaseOnNextTick(String successKey, long successMillis) {
            this.successKey = successKey;
            this.successMillis = successMillis;
            this.stopped = true;
            this.releaseRequested = true;
        }

        /** Whether a renewal found the lock gone or held by another run. */
        public boolean lost() {
            return lost;
        }

        private void renew(long now) {
            renewedAt = now;
            store.renew(keys, taskId, lockMillis).whenComplete(this::renewed);
        }

        /** On the renewer's thread: the run's own thread gave up, maybe leaving the store's shared state marked. */
        private void release() {
            RunKeys release = keys.withSuccess(successKey);
            // After what the store sends again for the owner: a finish beside the owner's acquire could overtake it.
            store.abandonedBy(owner).whenComplete((resent, ignored) ->
                    store.finish(release, taskId, successMillis).whenComplete((released, error) -> {
                        if (error != null) {
                            log.warn("{}: could not release lock {} (it expires within {} ms): {}",
                                    label, keys, lockMillis, String.valueOf(error));
                        }
                    }));
        }

        private void notRenewed(Throwable error) {
            log.warn("{}: could not renew lock {} (tries again within {} ms): {}",
                    label, keys, lockMillis / 3,
                    String.valueOf(error instanceof CompletionException ? error.getCause() : error));
        }

        private void renewed(Boolean owned, Throwable error) {
            if (error != null) {
                notRenewed(error);
            } else if (!owned && !stopped && !lost) { // reported once, whatever renewals were on their way
                lost = true;
                active.remove(this);
                log.warn("{}: lock {} expired, was taken by another worker or was released by an operator while the body ran; "
                        + "the run goes on and will end with warning lock_lost", label, keys);
            }
        }
    }
}
