package dev.guardedtask.test;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A lock "another worker" holds, from {@link TaskTester#holdLock}: a recurring run of the task, key and date on a
 * thread of the kit, whose body waits until {@link #release()}. While it is held, a daily call of the task for
 * that key and date, and any recurring call of the task for that key (whatever its date), is skipped with
 * {@code lock_held}. Its end marks nothing completed. The kit releases every held lock after the test, whether it
 * passed or threw. Thread-safe; {@link #release()} is idempotent.
 */
public final class HeldLock implements AutoCloseable {

    /** How long a held lock's body waits for {@link #release()} at most: then it ends on its own. */
    static final long HOLD_MINUTES = 10;
    /** How long {@link TaskTester#holdLock} waits at most for the lock to be taken. */
    static final long ACQUIRE_SECONDS = 30;
    /** How long {@link #release()} waits at most for the run to end and its lock to be gone. */
    static final long RELEASE_SECONDS = 30;

    private final String task;
    private final String key;
    private final String date;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private HeldLock(String task, String key, String date) {
        this.task = task;
        this.key = key;
        this.date = date;
    }

    /**
     * Starts a run of {@code options} (a recurring task) for {@code day} on a daemon thread of the kit, left out of
     * the recorded runs, and returns once its body runs, i.e. it holds the lock (30 s at most).
     *
     * @throws IllegalStateException if the run was skipped (another run holds the lock), failed, or did not start
     *     within 30 s
     */
    static HeldLock take(TaskGuard guard, TaskOptions options, String day) {
        HeldLock lock = new HeldLock(options.name(), options.key(), day);
        AtomicReference<TaskResult> skipped = new AtomicReference<>();
        CompletableFuture<Void> taken = new CompletableFuture<>();
        Thread holder = new Thread(() -> {
            try {
                skipped.set(RunRecorder.unrecorded(() -> guard.run(options, day, live -> {
                    taken.complete(null);
                    lock.hold();
                })));
            } catch (Throwable e) {
                taken.completeExceptionally(e);
            } finally {
                lock.ended.complete(null); // before taken: a skipped run must be seen ended by the waiting caller
                taken.complete(null);
            }
        }, "guardedtask-test-" + lock.name());
        holder.setDaemon(true);
        holder.start();
        lock.awaitTaken(taken);
        if (!lock.isHeld()) {
            throw new IllegalStateException("TaskTester.holdLock: could not take the lock of " + lock + ": "
                    + skipped.get() + " (another run holds it).");
        }
        return lock;
    }

    private void awaitTaken(CompletableFuture<Void> taken) {
        try {
            taken.get(ACQUIRE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            release.countDown();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("TaskTester.holdLock: interrupted while taking " + this, e);
        } catch (TimeoutException e) {
            release.countDown();
            throw new IllegalStateException("TaskTester.holdLock: " + this + " was not taken within "
                    + ACQUIRE_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("TaskTester.holdLock: the run to hold " + this + " failed: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * The task whose lock is held.
     *
     * @return the task's name
     */
    public String task() {
        return task;
    }

    /**
     * The key the lock is held for, or {@code null} for an unkeyed task.
     *
     * @return the key, or {@code null}
     */
    public String key() {
        return key;
    }

    /**
     * The date, {@code YYYYMMDD}, of the held per-date lock.
     *
     * @return the date, {@code YYYYMMDD}
     */
    public String date() {
        return date;
    }

    /**
     * Whether the holding run is still going: {@link #release()} has not completed and the run has not ended on its
     * own. It does not ask the store: in memory, once the test's clock was advanced past the lock timeout the lock
     * has expired, and another run may hold it, while this is still {@code true} (the holding run finds its lock
     * lost when released).
     *
     * @return {@code true} until the holding run ended
     */
    public boolean isHeld() {
        return !ended.isDone();
    }

    /**
     * Ends the holding run and waits (30 s at most) until it has released its lock: afterwards, calls of the task
     * run again. Does nothing if already released.
     *
     * @throws IllegalStateException if the run did not end within 30 s
     */
    public void release() {
        release.countDown();
        try {
            ended.get(RELEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(this + ": interrupted while waiting for the lock to be released", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(this + ": the holding run did not end within " + RELEASE_SECONDS + " s", e);
        } catch (ExecutionException e) {
            // the run ended, with an error: its lock is released all the same
        }
    }

    /** {@link #release()}. */
    @Override
    public void close() {
        release();
    }

    boolean sameLock(String otherTask, String otherKey, String otherDate) {
        return task.equals(otherTask) && Objects.equals(key, otherKey) && date.equals(otherDate);
    }

    /** The body of the holding run: waits for {@link #release()}, 10 minutes at most. */
    private void hold() throws InterruptedException {
        release.await(HOLD_MINUTES, TimeUnit.MINUTES);
    }

    @Override
    public String toString() {
        return name().substring(0, name().length() - 1) + (isHeld() ? ", running" : ", ended") + "]";
    }

    /** {@code HeldLock[task T, key K, date D]}, without the state: the holding thread's name. */
    private String name() {
        return "HeldLock[task " + task + (key == null ? "" : ", key " + key) + ", date " + date + "]";
    }
}
