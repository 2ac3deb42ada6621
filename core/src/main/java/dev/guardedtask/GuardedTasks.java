package dev.guardedtask;

import java.util.Objects;
import java.util.Optional;

/**
 * The guard that {@link GuardedTask} methods run through. Install one at startup (the Guice
 * {@code GuardedTaskModule} does it for you); woven methods called with none installed fail with a
 * {@link TaskError} saying so. {@link #runWith} lends a thread another guard for a while, for
 * several guards in one JVM (simulated workers, tests). Thread-safe.
 */
public final class GuardedTasks {

    private static volatile TaskGuard installed;
    private static final ThreadLocal<TaskGuard> lent = new ThreadLocal<>();

    private GuardedTasks() {
    }

    /** Makes {@code guard} the one woven methods use, replacing any installed before. */
    public static void install(TaskGuard guard) {
        installed = Objects.requireNonNull(guard, "guard");
    }

    /** Removes the installed guard, if any. Does not close it. */
    public static void uninstall() {
        installed = null;
    }

    /**
     * Runs {@code work} on this thread with woven methods going through {@code guard} instead of the
     * installed one; the thread's previous guard is back afterwards, also if {@code work} throws.
     */
    public static void runWith(TaskGuard guard, Runnable work) {
        Objects.requireNonNull(guard, "guard");
        TaskGuard previous = lent.get();
        lent.set(guard);
        try {
            work.run();
        } finally {
            if (previous == null) {
                lent.remove();
            } else {
                lent.set(previous);
            }
        }
    }

    /**
     * The guard a woven method called on this thread would use: the one lent by {@link #runWith}, else
     * the installed one; {@code null} if there is none. The one place that knows how a guard is found.
     */
    static TaskGuard current() {
        TaskGuard guard = lent.get();
        return guard != null ? guard : installed;
    }

    /**
     * {@code work}, made to run with the guard {@link #runWith} lent the calling thread, whichever thread
     * runs it; {@code work} itself if none is lent (the other thread then finds the installed guard).
     */
    static Runnable carryingLentGuard(Runnable work) {
        TaskGuard guard = lent.get();
        return guard == null ? work : () -> runWith(guard, work);
    }

    /** The installed guard, if any. */
    public static Optional<TaskGuard> installed() {
        return Optional.ofNullable(installed);
    }

    /**
     * The guard for a call of task {@code name} on this thread: the one lent by {@link #runWith}, else
     * the installed one.
     *
     * @throws TaskError naming the task and how to install a guard, if there is none
     */
    public static TaskGuard guardFor(String name) {
        TaskGuard guard = current();
        if (guard == null) {
            TaskResult result = new TaskResult(name, null, null);
            result.fail("not_installed");
            throw TaskError.notInstalled(result);
        }
        return guard;
    }
}
