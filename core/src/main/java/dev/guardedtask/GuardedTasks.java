package dev.guardedtask;

import java.util.Objects;
import java.util.Optional;

/**
 * The guard that {@link GuardedTask} methods run through. Install one at startup (the Guice
 * {@code GuardedTaskModule} does it for you); woven methods called with none installed fail with a
 * {@link TaskError} saying so. Thread-safe.
 */
public final class GuardedTasks {

    private static volatile TaskGuard installed;

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

    /** The installed guard, if any. */
    public static Optional<TaskGuard> installed() {
        return Optional.ofNullable(installed);
    }

    /**
     * The installed guard, for a call of task {@code name}.
     *
     * @throws TaskError naming the task and how to install a guard, if none is installed
     */
    public static TaskGuard guardFor(String name) {
        TaskGuard guard = installed;
        if (guard == null) {
            TaskResult result = new TaskResult(name, null, null);
            result.fail("not_installed");
            throw TaskError.notInstalled(result);
        }
        return guard;
    }
}
