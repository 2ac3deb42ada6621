package dev.guardedtask;

import dev.guardedtask.internal.LockRenewer;
import dev.guardedtask.internal.LockRenewer.Renewal;
import dev.guardedtask.internal.RunKeys;
import dev.guardedtask.internal.StoreUnavailableException;
import dev.guardedtask.internal.TaskIds;
import dev.guardedtask.internal.TaskKeys;
import dev.guardedtask.internal.TaskStore;
import dev.guardedtask.internal.TaskStore.Acquisition;
import dev.guardedtask.internal.TaskStore.Entry;
import dev.guardedtask.internal.TaskStore.Outcome;
import dev.guardedtask.internal.TaskStore.Release;
import dev.guardedtask.internal.TaskStore.Start;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One guarded run, as {@code docs/protocol.md} describes it: acquire, body under renewal, finish.
 *
 * <p>Whatever is thrown where, what the run holds is given back: a throwable from the body fails the
 * run; one thrown by the guard's own code while it sends a request (a {@code StackOverflowError} on a
 * deep stack, say) has the request sent again from the guard's own thread, which has a fresh stack.
 * Every wait on the store is bounded ({@link TaskStore#answerBound()}).
 */
final class GuardedRun {

    // Under TaskGuard's category: users configure the logger of the public type they call.
    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);

    /**
     * What every run of a guard shares.
     *
     * @param maxRuns how many entries each task's history keeps; 0: the guard keeps no history
     * @param keepMillis the history's time to live
     * @param worker the name runs record as their worker's
     * @param clock the guard's clock, for the times runs record
     * @param listeners told what each run does
     */
    record Settings(TaskStore store, TaskKeys keys, LockRenewer renewer, long lockMillis, long successMillis,
                    int maxRuns, long keepMillis, String worker, Clock clock, Listeners listeners) {
    }

    static {
        // The error paths run on stacks that may be nearly full, and a class whose initialisation overflows
        // there is broken for the whole JVM (ExceptionInInitializerError, then NoClassDefFoundError): the
        // first String.format of a JVM initialises java.util.Formatter, so do it here, on an ordinary stack.
        String.format("%s %d", "", 0);
    }

    /**
     * What one history entry keeps of a result, whose {@link TaskResult} keeps everything: errors and warnings
     * each, counters, and characters (UTF-16 units) per text and per counter name: an entry is at most about
     * 0.6 MB. The finish script hands the entry's fields to {@code XADD} in
     * one Lua call, which takes a few thousand values at most; a bounded entry also keeps a history of 1,000
     * runs a bounded size. {@code docs/protocol.md}, "History".
     */
    static final int ENTRY_TEXTS = 50;
    static final int ENTRY_COUNTERS = 100;
    static final int ENTRY_TEXT_CHARS = 1_024;

    private final Settings settings;
    private final TaskStore store;
    private final TaskResult result;
    private final RunKeys keys;
    private final long lockMillis;
    private final long successMillis;
    private long startedMillis;
    /** What the caller waits for before it is given a failed acquire's error; {@code null}: nothing. */
    private CompletionStage<?> settling;

    GuardedRun(Settings settings, TaskOptions task, String date) {
        this.settings = settings;
        this.store = settings.store();
        this.result = new TaskResult(task.name(), task.key(), date, TaskIds.next());
        this.keys = settings.maxRuns() > 0 ? settings.keys().forRecordedRun(task.name(), task.key(), date, task.recurring())
                : settings.keys().forRun(task.name(), task.key(), date, task.recurring());
        this.lockMillis = task.lockTimeout() == null ? settings.lockMillis() : task.lockTimeout().toMillis();
        this.successMillis = task.successTtl() == null ? settings.successMillis() : task.successTtl().toMillis();
    }

    TaskResult execute(TaskBody body) {
        // Registered before the acquire: if the caller cannot even hand a release over, the renewer's
        // next tick releases what the acquire may have taken.
        Renewal renewal = startRenewal();
        startedMillis = settings.clock().millis();
        Acquisition acquisition = acquire(renewal);
        if (acquisition.outcome() != Outcome.ACQUIRED) {
            return skipped(renewal, acquisition);
        }
        result.acquired(acquisition.fencingToken());
        Throwable failure = runAcquired(renewal, body);
        TaskError error = ended(failure);
        if (error != null) {
            throw error;
        }
        return result;
    }

    /** {@link #execute}'s asynchronous counterpart ({@link AsyncRun}). */
    CompletableFuture<TaskResult> executeAsync(AsyncTaskBody body, Executor executor) {
        Renewal renewal = startRenewal();
        startedMillis = settings.clock().millis();
        return new AsyncRun(this, renewal, executor).start(body);
    }

    /** The acquire found the date completed or the lock held: the run is skipped. */
    TaskResult skipped(Renewal renewal, Acquisition acquisition) {
        renewal.forget();
        result.skip(acquisition.outcome() == Outcome.ALREADY_COMPLETED
                ? TaskResult.ALREADY_COMPLETED : TaskResult.LOCK_HELD);
        log.debug("{}: skipped, {}", this, result.reason());
        settings.listeners().skipped(result);
        return result;
    }

    /**
     * The acquired run has ended, its lock released or left to expire, after its body threw {@code failure}
     * ({@code null}: it did not): tells the listeners and logs the outcome. Returns the error for the caller if
     * the run failed, else {@code null}.
     */
    TaskError ended(Throwable failure) {
        finished();
        if (result.isFailed()) {
            // The caller gets the exception in a TaskError: log what happened, not the stack trace again.
            log.warn("{}: failed, {}", this, failure == null ? result.reason() : describe(failure));
            return TaskError.failed(result, failure);
        }
        log.debug("{}: {}", this, result.status().wireName());
        return null;
    }

    /** Tells the listeners the body returned. Never throws: on a stack too full even for this, they are not told. */
    void bodyReturned() {
        try {
            settings.listeners().bodyReturned(result);
        } catch (Throwable noRoom) {
            // the run is released already; only a listener misses the call
        }
    }

    /** Tells the listeners the call ended, and how long it took on the guard's clock. */
    private void finished() {
        if (settings.listeners().none()) {
            return;
        }
        settings.listeners().finished(result, Duration.ofMillis(Math.max(0, settings.clock().millis() - startedMillis)));
    }

    /** Records a store error: the listeners are told, with the reason a bounded set of tags can hold. */
    private void storeError(String reason, String message) {
        settings.listeners().storeError(result, reason, message);
    }

    Renewal startRenewal() {
        try {
            return settings.renewer().start(store, keys, result.taskId(), lockMillis, this);
        } catch (RejectedExecutionException closedMeanwhile) {
            throw new IllegalStateException("Task '" + result.task() + "': this TaskGuard was closed while the "
                    + "run started; the body did not run. Close the guard only at shutdown.", closedMeanwhile);
        }
    }

    private Acquisition acquire(Renewal renewal) {
        try {
            return store.answer(store.acquire(keys, result.taskId(), lockMillis, start()));
        } catch (Throwable t) {
            TaskError error = notAcquired(renewal, t);
            awaitQuietly(settling);
            throw error;
        }
    }

    /** Sends the acquire; its answer is given up after the store's bound ({@link #bounded}). */
    CompletableFuture<Acquisition> acquireAsync() {
        return bounded(store.acquire(keys, result.taskId(), lockMillis, start()));
    }

    /** What the caller of a failed acquire waits for before it is given the error ({@link #notAcquired}); may be {@code null}. */
    CompletionStage<?> settling() {
        return settling;
    }

    TaskResult result() {
        return result;
    }

    Listeners listeners() {
        return settings.listeners();
    }

    /** What the acquire records in the run-in-progress key. */
    Start start() {
        return new Start(settings.worker(), startedMillis, settings.keepMillis());
    }

    /**
     * The acquire failed with {@code t}: the script may have run all the same, so the locks are freed if they
     * are this run's; the result fails and the listeners are told. Returns the error for the caller, to give
     * once {@link #settling} has completed.
     */
    TaskError notAcquired(Renewal renewal, Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof StoreUnavailableException e) {
            renewal.forget();
            CompletionStage<Release> released = store.finish(keys.withoutSuccess(), result.taskId(), successMillis);
            if (e.reason().equals(TaskResult.NOT_REPLICATED)) { // Redis answers: the next call must find them free
                settling = released;
            }
            result.failWith(e.reason(), e.getMessage());
            log.warn("{}: not run, {}", this, e.getMessage());
            storeError(e.reason(), e.getMessage());
            finished();
            return TaskError.backendFailed(result, e);
        }
        // Thrown by the guard's own code: the script may have run, free the lock.
        renewal.releaseOnNextTick(null, successMillis); // if even the hand-over below cannot start
        onGuardThread(renewal, false, cause, " before the body ran");
        result.failWith(TaskResult.GUARD_ERROR, describe(cause));
        storeError(TaskResult.GUARD_ERROR, describe(cause));
        finished();
        return TaskError.guardError(result, cause);
    }

    /** Runs the body under renewal; then, in every case, stops the renewal and releases the lock. */
    private Throwable runAcquired(Renewal renewal, TaskBody body) {
        Throwable failure = null;
        RunMdc mdc = null;
        try {
            // Inside the try, as the body: whatever these throw fails the run, and the lock is still released.
            settings.listeners().started(result);
            mdc = RunMdc.put(result);
            body.run(result);
        } catch (Throwable t) {
            failure = t;
            result.failWith(TaskResult.EXCEPTION, describe(t));
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            renewal.stop(); // the body's own frame fitted here, so this one-frame call does too
            release(renewal, failure == null && !result.isFailed());
            bodyReturned(); // after the release: no room on the stack for it must not cost the lock
            if (mdc != null) {
                mdc.restoreQuietly();
            }
        }
        return failure;
    }

    /** Marks success if {@code succeeded}, and deletes the lock if it is still this run's. Never throws but an Error. */
    private void release(Renewal renewal, boolean succeeded) {
        try {
            if (succeeded) {
                result.succeed();
            }
            released(renewal, store.answer(finish(succeeded)));
        } catch (StoreUnavailableException e) {
            renewal.forget();
            notReleased(succeeded, e);
        } catch (Throwable t) { // thrown by the guard's own code, e.g. out of stack: again, from a fresh stack
            renewal.releaseOnNextTick(succeeded ? keys.success() : null, successMillis); // if even that cannot start
            retryOnGuardThread(renewal, succeeded, unwrap(t));
        }
    }

    /**
     * {@link #release}'s asynchronous counterpart: the stage completes once the finish has answered (or failed,
     * or was given up after the store's bound) and the result records what it did. It never fails.
     */
    CompletionStage<Void> releaseAsync(Renewal renewal, boolean succeeded) {
        CompletionStage<Release> finished;
        try {
            if (succeeded) {
                result.succeed();
            }
            finished = bounded(finish(succeeded));
        } catch (Throwable t) {
            finished = CompletableFuture.failedFuture(t);
        }
        return finished.handle((release, error) -> {
            if (error != null) {
                return releaseFailed(renewal, succeeded, unwrap(error));
            }
            released(renewal, release);
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(recorded -> recorded);
    }

    /**
     * An asynchronous finish failed with {@code cause}: a store's failure is recorded; the guard's own error has
     * the finish sent again from the guard's thread, as {@link #release} does.
     */
    private CompletionStage<Void> releaseFailed(Renewal renewal, boolean succeeded, Throwable cause) {
        if (cause instanceof StoreUnavailableException e) {
            renewal.forget();
            notReleased(succeeded, e);
            return CompletableFuture.completedFuture(null);
        }
        renewal.releaseOnNextTick(succeeded ? keys.success() : null, successMillis); // if even that cannot start
        return bounded(onGuardThread(renewal, succeeded, cause, " while releasing the lock")).handle((warning, e) -> {
            if (e != null) {
                notReleased(succeeded, unwrap(e));
                return null;
            }
            result.warn(warning);
            storeError(TaskResult.GUARD_ERROR, warning);
            if (renewal.lost()) {
                lockLost();
            }
            return null;
        });
    }

    /**
     * {@code stage}, given up after the store's {@linkplain TaskStore#answerBound() bound} as
     * {@link TaskStore#await} gives a wait up: it then fails with a {@link StoreUnavailableException}.
     */
    <T> CompletableFuture<T> bounded(CompletionStage<T> stage) {
        long bound = store.answerBound().toMillis();
        return settings.renewer().within(stage, bound).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(unwrap(e) instanceof TimeoutException timeout
                        ? new StoreUnavailableException("no answer within " + bound + " ms", timeout) : unwrap(e)));
    }

    /** The finish answered {@code release}: the renewal ends; a lost lock and a missing replica are recorded. */
    private void released(Renewal renewal, Release release) {
        renewal.forget();
        if (release.notReplicated() != null) {
            result.warn(release.notReplicated());
            log.warn("{}: {}", this, release.notReplicated());
            storeError(TaskResult.NOT_REPLICATED, release.notReplicated());
        }
        if (!release.owned() || renewal.lost()) {
            lockLost();
        }
    }

    /** The caller's stack may be nearly exhausted: the guard's thread does the work, the caller only waits. */
    private void retryOnGuardThread(Renewal renewal, boolean succeeded, Throwable cause) {
        try {
            if (succeeded) {
                result.succeed();
            }
            String warning = store.answer(onGuardThread(renewal, succeeded, cause, " while releasing the lock"));
            result.warn(warning);
            storeError(TaskResult.GUARD_ERROR, warning);
            if (renewal.lost()) {
                lockLost();
            }
        } catch (Throwable e) { // Redis unreachable, the guard closed, or no room even to wait: left to expire
            notReleased(succeeded, unwrap(e));
        }
    }

    /**
     * Sends the finish on the renewer's thread, whose stack is fresh, after clearing what the caller's
     * failed call may have left in the store, and after the calls the store sends again for it have their
     * answers (a finish sent beside the caller's own acquire could overtake it, on another connection, and
     * leave the lock it takes); takes {@code renewal} out of the renewer. Handing over
     * takes no lock. The stage completes with the warning for the result (the first try may have
     * deleted the lock already, so a lock found gone is no loss here), or fails if the guard is closed
     * or the finish fails.
     */
    private CompletionStage<String> onGuardThread(Renewal renewal, boolean succeeded, Throwable cause, String when) {
        CompletableFuture<String> released = new CompletableFuture<>();
        Thread caller = Thread.currentThread();
        try {
            settings.renewer().execute(() -> {
                try {
                    renewal.forget(); // released here: the next tick need not
                    store.abandonedBy(caller).whenComplete((resent, ignored) -> {
                        try {
                            finish(succeeded).whenComplete((release, error) -> {
                                if (error != null) {
                                    released.completeExceptionally(error);
                                    return;
                                }
                                String what = describe(cause) + when + "; released from the guard's own thread";
                                log.warn("{}: {}", this, what);
                                released.complete(TaskResult.GUARD_ERROR + ": " + what);
                            });
                        } catch (Throwable t) {
                            released.completeExceptionally(t);
                        }
                    });
                } catch (Throwable t) {
                    released.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException closed) {
            released.completeExceptionally(new StoreUnavailableException("the guard is closed", closed));
        }
        return released;
    }

    private CompletionStage<Release> finish(boolean succeeded) {
        return store.finish(succeeded ? keys : keys.withoutSuccess(), result.taskId(), successMillis, entry());
    }

    /** The run's history entry ({@code docs/protocol.md}, "History"), or {@code null} without history. */
    private Entry entry() {
        if (!keys.recorded()) {
            return null;
        }
        String status = result.status().wireName();
        List<String> fields = new ArrayList<>(24);
        Collections.addAll(fields, "kind", "run", "date", result.date());
        if (result.key() != null) {
            Collections.addAll(fields, "key", result.key());
        }
        Collections.addAll(fields, "task_id", result.taskId(), "status", status);
        if (result.reason() != null) {
            Collections.addAll(fields, "reason", result.reason());
        }
        numbered(fields, "error.", result.errors(), "errors");
        numbered(fields, "warning.", result.warnings(), "warnings");
        Map<String, Long> counters = result.counters();
        counters.entrySet().stream().limit(ENTRY_COUNTERS).forEach(counter ->
                Collections.addAll(fields, "count." + clipped(counter.getKey()), counter.getValue().toString()));
        if (counters.size() > ENTRY_COUNTERS) {
            Collections.addAll(fields, "counts_left_out", Integer.toString(counters.size() - ENTRY_COUNTERS));
        }
        Collections.addAll(fields, "started", Long.toString(startedMillis), "ended",
                Long.toString(settings.clock().millis()), "fencing_token", Long.toString(result.fencingToken()),
                "worker", settings.worker());
        return new Entry(status, fields, settings.maxRuns(), settings.keepMillis());
    }

    /**
     * {@code values} as {@code prefix1}, {@code prefix2}, ..., each clipped; if there are more than {@link #ENTRY_TEXTS},
     * the first {@code ENTRY_TEXTS - 2}, then how many were left out, then the last one (a failed run's exception
     * is its last error).
     */
    private static void numbered(List<String> fields, String prefix, List<String> values, String what) {
        List<String> texts = values;
        if (values.size() > ENTRY_TEXTS) {
            int leftOut = values.size() - (ENTRY_TEXTS - 1);
            texts = new ArrayList<>(values.subList(0, ENTRY_TEXTS - 2));
            texts.add(leftOut + " more " + what + " not in the history (it keeps the first " + (ENTRY_TEXTS - 2)
                    + " and the last; the run's TaskResult has them all)");
            texts.add(values.get(values.size() - 1));
        }
        for (int i = 0; i < texts.size(); i++) {
            Collections.addAll(fields, prefix + (i + 1), clipped(texts.get(i)));
        }
    }

    /** {@code text}, cut after {@link #ENTRY_TEXT_CHARS} characters (never inside a surrogate pair), saying so. */
    static String clipped(String text) {
        if (text.length() <= ENTRY_TEXT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(ENTRY_TEXT_CHARS - 1)) ? ENTRY_TEXT_CHARS - 1 : ENTRY_TEXT_CHARS;
        int more = text.length() - end;
        return text.substring(0, end) + "... (" + more + (more == 1 ? " more character)" : " more characters)");
    }

    private void lockLost() {
        result.warn(TaskResult.LOCK_LOST);
        settings.listeners().lockLost(result);
        log.warn("{}: lock {} was lost while the body ran (expired, taken by another worker, or released by an "
                + "operator); left it alone", this, keys.locks());
    }

    private void notReleased(boolean succeeded, Throwable e) {
        String lost = succeeded && keys.success() != null ? "completion not recorded, lock" : "lock";
        String why = e instanceof StoreUnavailableException ? e.getMessage() : describe(e);
        String reason = e instanceof StoreUnavailableException unavailable ? unavailable.reason() : TaskResult.GUARD_ERROR;
        String warning = reason + ": " + lost + " not released (it expires within " + lockMillis + " ms): " + why;
        result.warn(warning);
        storeError(reason, warning);
        log.warn("{}: {} not released (it expires within {} ms): {}", this, lost, lockMillis, why);
    }

    /** Waits for {@code stage} within the store's bound; a failure leaves the lock to expire. */
    private void awaitQuietly(CompletionStage<?> stage) {
        if (stage == null) {
            return;
        }
        try {
            store.answer(stage);
        } catch (RuntimeException e) {
            log.warn("{}: lock {} not released (it expires within {} ms): {}", this, keys.locks(), lockMillis, e.toString());
        }
    }

    /** The throwable a stage failed with, as its own code threw it. */
    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** {@code t.toString()}, which runs code of the throwable's own (a message getter) that may throw too. */
    static String describe(Throwable t) {
        try {
            return t.toString();
        } catch (Throwable unprintable) {
            return t.getClass().getName();
        }
    }

    @Override
    public String toString() {
        return result.subject() + " for " + result.date() + " (run " + result.taskId() + ")";
    }
}
