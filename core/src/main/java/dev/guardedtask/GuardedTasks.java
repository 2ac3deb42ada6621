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

    /** The guard {@link #runWith} lent this thread, or {@code null}. */
    static TaskGuard lent() {
        return lent.get();
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
        TaskGuard guard = lent.get();
        if (guard == null) {
            guard = installed;
        }
        if (guard == null) {
            TaskResult result = new TaskResult(name, null, null);
            result.fail("not_installed");
            throw TaskError.notInstalled(result);
        }
        return guard;
    }
}
