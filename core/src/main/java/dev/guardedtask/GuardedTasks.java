package dev.guardedtask;

import dev.guardedtask.internal.WovenClasses;

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

    /**
     * Makes {@code guard} the one woven methods use, replacing any installed before. First checks that every
     * class with {@code @GuardedTask} methods on the class path was woven (once per class loader: the context
     * class loader's and this library's; the cost is in docs/guide.md, "Weaving"), since an unwoven method
     * runs unguarded.
     *
     * @param guard the guard to install
     * @throws IllegalStateException naming the unwoven classes and how to weave them, or if {@code guard} is
     *                               closed; no guard is installed then
     * @throws NullPointerException  if {@code guard} is null
     */
    public static void install(TaskGuard guard) {
        installed = usable(guard, "install(guard)");
    }

    /** {@code guard}, after checking it can serve woven methods: not null, not closed, the classes woven. */
    private static TaskGuard usable(TaskGuard guard, String call) {
        Objects.requireNonNull(guard, () -> "GuardedTasks." + call + ": guard is null; pass the TaskGuard built at startup");
        if (guard.isClosed()) {
            throw new IllegalStateException("GuardedTasks." + call + ": the guard is closed; pass one that is open "
                    + "(close a guard only after uninstalling it)");
        }
        WovenClasses.check(Thread.currentThread().getContextClassLoader());
        WovenClasses.check(GuardedTasks.class.getClassLoader());
        return guard;
    }

    /** Removes the installed guard, if any. Does not close it. */
    public static void uninstall() {
        installed = null;
    }

    /**
     * Runs {@code work} on this thread with woven methods going through {@code guard} instead of the
     * installed one; the thread's previous guard is back afterwards, also if {@code work} throws. Checks the
     * weaving as {@link #install} does.
     *
     * @param guard the guard for this thread's woven calls while {@code work} runs
     * @param work what to run
     * @throws IllegalStateException naming the unwoven classes and how to weave them; {@code work} does not run
     */
    public static void runWith(TaskGuard guard, Runnable work) {
        usable(guard, "runWith(guard, work)");
        Objects.requireNonNull(work, "GuardedTasks.runWith(guard, work): work is null");
        TaskGuard previous = lend(guard);
        try {
            work.run();
        } finally {
            restore(previous);
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

    /** The guard {@link #runWith} lent this thread, or {@code null}. */
    static TaskGuard lent() {
        return lent.get();
    }

    /**
     * Lends {@code guard} to this thread ({@code null}: none) until {@link #restore}, without {@link #runWith}'s
     * checks (it was checked when first lent): for work that goes on on another thread. Returns what to restore.
     */
    static TaskGuard lend(TaskGuard guard) {
        TaskGuard previous = lent.get();
        restore(guard);
        return previous;
    }

    /** Puts back the guard {@link #lend} returned. */
    static void restore(TaskGuard previous) {
        if (previous == null) {
            lent.remove();
        } else {
            lent.set(previous);
        }
    }

    /**
     * The installed guard, if any.
     *
     * @return the installed guard, or empty
     */
    public static Optional<TaskGuard> installed() {
        return Optional.ofNullable(installed);
    }

    /**
     * The guard for a call of task {@code name} on this thread: the one lent by {@link #runWith}, else
     * the installed one.
     *
     * @param name the task's name, for the error
     * @return the guard to run the call through
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
