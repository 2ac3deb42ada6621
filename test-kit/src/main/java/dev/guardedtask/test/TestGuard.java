package dev.guardedtask.test;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One test's guard, clock and tester, and what to undo after it: the held locks, the installed guard, the guard,
 * the test's Redis keys. Built by {@link GuardedTaskExtension#beforeEach}, closed by its {@code afterEach}.
 */
final class TestGuard {

    /** How long {@link #close} waits at most for the runs still in flight to finish. */
    static final long GRACE_MILLIS = 2_000;

    private final TaskTester tester;
    private final RunRecorder recorder;
    private final SharedRedis redis;
    private final String prefix;
    /** {@code null}: not installed (parallel execution); else what was installed before. */
    private final Optional<TaskGuard> previous;

    private TestGuard(TaskTester tester, RunRecorder recorder, SharedRedis redis, String prefix,
                      Optional<TaskGuard> previous) {
        this.tester = tester;
        this.recorder = recorder;
        this.redis = redis;
        this.prefix = prefix;
        this.previous = previous;
    }

    /** A fresh guard with {@code kit}'s settings, installed too if {@code install}. */
    static TestGuard build(KitSettings kit, ExtensionContext context, boolean install) {
        SettableClock clock = new SettableClock(kit.start(), kit.zone());
        RunRecorder recorder = new RunRecorder();
        // The kit waits for the runs in flight itself (close() below), then closes the guard under those left.
        TaskGuard.Builder builder = TaskGuard.builder().closeTimeout(Duration.ZERO);
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
        TaskGuard guard = build(builder.clock(clock).zone(kit.zone()).listener(recorder));
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
        return new TestGuard(new TaskTester(guard, clock, recorder, redis != null), recorder, redis, prefix,
                previous);
    }

    /** {@code builder}'s guard; a store chosen in {@code configure} is reported as such. */
    private static TaskGuard build(TaskGuard.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("choose exactly one store")) {
                throw new ExtensionConfigurationException("GuardedTaskExtension.configure chose a store (redis, "
                        + "redisson, inMemory, ...), and the kit chooses the store itself: " + e.getMessage()
                        + " Remove the store from configure; pick the store with GuardedTaskExtension.inMemory(), "
                        + ".embeddedRedis() or .redis(uri) (or @GuardedTaskTest(store = ...)).", e);
            }
            throw e;
        }
    }

    TaskTester tester() {
        return tester;
    }

    /**
     * Releases the held locks, waits (2 s at most) for the test's runs still in flight, puts back the guard installed
     * before, closes the guard and deletes the test's keys: each step also when an earlier one threw. Then fails if
     * runs were still in flight, or if a {@code markCompleted} / {@code holdLock} visibly missed the calls' keys. The
     * first throwable is thrown at the end, the others suppressed.
     */
    @SuppressWarnings("OptionalAssignedToNull")
    void close() {
        Throwable failure = null;
        failure = attempt(failure, tester::releaseHeldLocks);
        List<String> running = recorder.awaitNoneInFlight(GRACE_MILLIS);
        if (!running.isEmpty()) {
            failure = attempt(failure, () -> {
                throw new AssertionError("GuardedTaskExtension: the test returned while " + running.size()
                        + " run(s) of its guard were still running " + GRACE_MILLIS / 1000 + " s later: "
                        + String.join(", ", running) + "; the kit closes the guard under them (they would lose "
                        + "their lock, and their end would not be in runs). Wait for the work you started, e.g. "
                        + "join the thread or the future, before the test returns.");
            });
        }
        for (String mismatch : tester.keyMismatches()) {
            failure = attempt(failure, () -> {
                throw new AssertionError(mismatch);
            });
        }
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
