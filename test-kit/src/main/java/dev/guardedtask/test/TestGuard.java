package dev.guardedtask.test;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * One test's guard, clock and tester, and what to undo after it: the held locks, the installed guard, the guard,
 * the test's Redis keys. Built by {@link GuardedTaskExtension#beforeEach}, closed by its {@code afterEach}.
 */
final class TestGuard {

    private final TaskTester tester;
    private final SharedRedis redis;
    private final String prefix;
    /** {@code null}: not installed (parallel execution); else what was installed before. */
    private final Optional<TaskGuard> previous;

    private TestGuard(TaskTester tester, SharedRedis redis, String prefix, Optional<TaskGuard> previous) {
        this.tester = tester;
        this.redis = redis;
        this.prefix = prefix;
        this.previous = previous;
    }

    /** A fresh guard with {@code kit}'s settings, installed too if {@code install}. */
    static TestGuard build(KitSettings kit, ExtensionContext context, boolean install) {
        SettableClock clock = new SettableClock(kit.start(), kit.zone());
        RunRecorder recorder = new RunRecorder();
        TaskGuard.Builder builder = TaskGuard.builder();
        kit.configure().accept(builder);
        SharedRedis redis = null;
        String prefix = null;
        if (kit.onRedis()) {
            redis = kit.redisUri() != null ? SharedRedis.at(context, kit.redisUri()) : SharedRedis.embedded(context);
            prefix = SharedRedis.newPrefix();
            builder.redisson(redis.client()).keyPrefix(prefix);
        } else {
            builder.inMemory();
        }
        TaskGuard guard = builder.clock(clock).zone(kit.zone()).listener(recorder).build();
        Optional<TaskGuard> previous = null;
        if (install) {
            previous = GuardedTasks.installed();
            try {
                GuardedTasks.install(guard);
            } catch (RuntimeException e) {
                guard.close();
                throw e;
            }
        }
        return new TestGuard(new TaskTester(guard, clock, recorder, redis != null), redis, prefix, previous);
    }

    TaskTester tester() {
        return tester;
    }

    /**
     * Releases the held locks, puts back the guard installed before, closes the guard and deletes the test's keys:
     * each step also when an earlier one threw; the first throwable is thrown at the end, the others suppressed.
     */
    @SuppressWarnings("OptionalAssignedToNull")
    void close() {
        Throwable failure = null;
        failure = attempt(failure, tester::releaseHeldLocks);
        if (previous != null) {
            failure = attempt(failure, this::restoreInstalled);
        }
        failure = attempt(failure, tester.guard()::close);
        if (redis != null) {
            failure = attempt(failure, () -> redis.deleteKeys(prefix));
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    private void restoreInstalled() {
        if (previous.isEmpty()) {
            GuardedTasks.uninstall();
            return;
        }
        try {
            GuardedTasks.install(previous.get());
        } catch (IllegalStateException closed) {
            GuardedTasks.uninstall(); // the guard installed before was closed meanwhile
        }
    }

    private static Throwable attempt(Throwable failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }
}
