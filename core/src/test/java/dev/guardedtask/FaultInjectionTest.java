package dev.guardedtask;

import dev.guardedtask.internal.Faults;
import dev.guardedtask.internal.FaultyStore;
import dev.guardedtask.internal.FaultyStore.How;
import dev.guardedtask.internal.FaultyStore.Operation;
import dev.guardedtask.internal.LockRenewer;
import dev.guardedtask.internal.ManualTicker;
import dev.guardedtask.internal.RedisTaskStore;
import dev.guardedtask.internal.TaskStore;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A chosen throwable thrown at each point of a run: before the body (acquire), in the body, in a
 * renewal, while releasing (finish), and inside the request pipeline. After each: the caller got what
 * the guide says, no lock is left, and the next call on the same guard, from another thread, completes
 * within its bound.
 */
class FaultInjectionTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = "20261128";
    static final String NEXT_DAY = "20261129";
    static final TaskOptions DAILY = TaskOptions.daily("task_fault");
    static final String LOCK = "lock:task_fault:" + DAY;
    static final String SUCCESS = "success:task_fault:" + DAY;
    static final Duration NEXT_CALL_BOUND = Duration.ofSeconds(10);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final ManualTicker ticker = new ManualTicker();
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
    private final AtomicInteger bodies = new AtomicInteger();
    private TaskGuard guard;

    @AfterEach
    void close() {
        otherThread.shutdownNow();
        if (guard != null) {
            guard.close();
        }
    }

    static Stream<Supplier<Throwable>> throwables() {
        return Stream.of(named("StackOverflowError", StackOverflowError::new),
                named("OutOfMemoryError", () -> new OutOfMemoryError("injected")),
                named("IllegalStateException", () -> new IllegalStateException("injected")),
                named("RejectedExecutionException", () -> new RejectedExecutionException("injected")),
                named("InterruptedException", () -> new InterruptedException("injected")));
    }

    private static Supplier<Throwable> named(String name, Supplier<Throwable> make) {
        return new Supplier<>() {
            @Override
            public Throwable get() {
                return make.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    static Stream<Arguments> storeFaults() {
        return throwables().flatMap(fault -> Stream.of(How.values()).flatMap(how -> Stream.of(
                arguments(Operation.ACQUIRE, how, fault), arguments(Operation.FINISH, how, fault))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("storeFaults")
    void aFaultInAStoreCallLeavesNoLockAndTheNextCallGoesThrough(Operation operation, How how,
                                                                 Supplier<Throwable> fault) throws Exception {
        guard = guardOn(new FaultyStore(redisStore(Faults.NONE), operation, 1, how, fault));

        assertTheCallSurvivesTheStoreFault(operation, fault, () -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet()));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("storeFaults")
    void aFaultInAStoreCallOfAnAsynchronousRunLeavesNoLockAndTheNextCallGoesThrough(Operation operation, How how,
            Supplier<Throwable> fault) throws Exception {
        guard = guardOn(new FaultyStore(redisStore(Faults.NONE), operation, 1, how, fault));

        assertTheCallSurvivesTheStoreFault(operation, fault, () -> {
            try {
                return guard.runAsync(DAILY, DAY, r -> {
                    bodies.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof TaskError error) {
                    throw error;
                }
                throw new AssertionError("not a TaskError", e);
            }
        });
    }

    /** {@code call} made once {@code operation} throws {@code fault}: what the guide says, no lock left, a next call. */
    private void assertTheCallSurvivesTheStoreFault(Operation operation, Supplier<Throwable> fault,
                                                    java.util.concurrent.Callable<TaskResult> call) throws Exception {
        if (operation == Operation.ACQUIRE) {
            TaskError error = catchThrowableOfType(TaskError.class, call::call);
            assertThat(bodies).as("body runs").hasValue(0);
            assertThat(error.result().reason()).isEqualTo(TaskResult.GUARD_ERROR);
            assertThat(error.result().errors()).containsExactly(fault.get().toString());
            assertThat(error).hasMessageStartingWith("Task 'task_fault' for 20261128 did not run: the guard failed "
                    + "before the body (" + fault.get() + "); the lock, if it was taken, is released.");
            assertThat(error.getCause()).hasSameClassAs(fault.get());
            awaitKeyspace();
        } else {
            TaskResult result = call.call();
            assertThat(bodies).as("body runs").hasValue(1);
            assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(result.warnings()).containsExactly("guard_error: " + fault.get()
                    + " while releasing the lock; released from the guard's own thread");
            awaitKeyspace("success:task_fault:20261128=completed");
        }
        assertThat(Thread.interrupted()).as("interrupt status").isFalse();
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwables")
    void aThrowableFromAnAsynchronousBodyOrItsStageFailsTheRunAndReleasesTheLock(Supplier<Throwable> fault)
            throws Exception {
        guard = guardOn(redisStore(Faults.NONE));

        TaskError thrown = asyncFailure(guard.runAsync(DAILY, DAY, r -> {
            throw fault.get();
        }));
        TaskError failed = asyncFailure(guard.runAsync(DAILY, DAY, r -> CompletableFuture.failedFuture(fault.get())));

        for (TaskError error : new TaskError[] {thrown, failed}) {
            assertThat(error.result().reason()).isEqualTo(TaskResult.EXCEPTION);
            assertThat(error.result().errors()).containsExactly(fault.get().toString());
            assertThat(error.getCause()).hasSameClassAs(fault.get());
        }
        assertThat(redis.keyspace()).isEmpty();
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    private static TaskError asyncFailure(CompletableFuture<TaskResult> run) throws Exception {
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TaskError.class);
            return (TaskError) e.getCause();
        }
        throw new AssertionError("the run did not fail");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwables")
    void aThrowableFromTheBodyFailsTheRunAndReleasesTheLock(Supplier<Throwable> fault) throws Exception {
        guard = guardOn(redisStore(Faults.NONE));

        TaskError error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, DAY, r -> {
            bodies.incrementAndGet();
            throw fault.get();
        }));

        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo(TaskResult.EXCEPTION);
        assertThat(error.result().errors()).containsExactly(fault.get().toString());
        assertThat(error.getCause()).hasSameClassAs(fault.get());
        assertThat(Thread.interrupted()).as("interrupt status set again")
                .isEqualTo(fault.get() instanceof InterruptedException);
        assertThat(redis.keyspace()).isEmpty();
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renewFaults")
    void aFaultInARenewalEndsNeitherTheRunNorLaterRenewals(How how, Supplier<Throwable> fault) throws Exception {
        FaultyStore store = new FaultyStore(redisStore(Faults.NONE), Operation.RENEW, 1, how, fault);
        guard = guardOn(store);
        TaskOptions task = DAILY.withLockTimeout(Duration.ofMinutes(2));

        TaskResult result = guard.run(task, DAY, r -> {
            ticker.advance(Duration.ofSeconds(40)); // first renewal: broken
            redis.client().getBucket(LOCK).expire(Duration.ofSeconds(5));
            ticker.advance(Duration.ofSeconds(40)); // second: goes through
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(redis.pttl(LOCK))
                    .as("lock renewed by the second renewal").isBetween(110_000L, 120_000L));
        });

        assertThat(store.calls(Operation.RENEW)).isEqualTo(2);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).isEmpty();
        assertThat(redis.keyspace()).containsExactly("success:task_fault:20261128=completed");
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    static Stream<Arguments> renewFaults() {
        return throwables().flatMap(fault -> Stream.of(How.values()).map(how -> arguments(how, fault)));
    }

    static Stream<Arguments> pipelineFaults() {
        return Stream.of(Faults.Point.SEND, Faults.Point.REPLY, Faults.Point.SETTLE).flatMap(point -> Stream.of(1, 2).flatMap(nth -> Stream.of(
                arguments(point, nth, named("StackOverflowError", StackOverflowError::new)),
                arguments(point, nth, named("IllegalStateException", () -> new IllegalStateException("injected"))))));
    }

    /** The nth time a request reaches {@code point} (1: the acquire's request, 2: the finish's), it throws. */
    @ParameterizedTest(name = "{0} #{1} {2}")
    @MethodSource("pipelineFaults")
    void aFaultInsideThePipelineNeitherWedgesItNorLeavesALock(Faults.Point point, int nth,
                                                              Supplier<Throwable> fault) throws Exception {
        AtomicInteger reached = new AtomicInteger();
        AtomicBoolean thrown = new AtomicBoolean();
        guard = guardOn(redisStore(at -> {
            if (at == point && reached.incrementAndGet() == nth && thrown.compareAndSet(false, true)) {
                throw FaultyStoreAccess.raise(fault.get());
            }
        }));

        Throwable outcome = assertTimeoutPreemptively(NEXT_CALL_BOUND, () -> {
            try {
                return guard.run(DAILY, DAY, r -> bodies.incrementAndGet()).status() == TaskStatus.SUCCESS ? null
                        : new AssertionError("not a success");
            } catch (TaskError e) {
                return e;
            }
        });

        await().atMost(Duration.ofSeconds(5)).untilTrue(thrown); // a reply's callback may run after the caller returns
        if (outcome == null) {
            assertThat(bodies).hasValue(1);
            awaitKeyspace("success:task_fault:20261128=completed");
        } else {
            assertThat(bodies).hasValue(0);
            assertThat(((TaskError) outcome).result().reason()).isEqualTo(TaskResult.GUARD_ERROR);
            awaitKeyspace();
        }
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    /**
     * The pipeline's own {@code finally} cannot clear its mark (as when the stack has no room left):
     * the guard's thread clears it at once. Without that, the next call would wait for the stale mark
     * to be taken over after {@code stuck}, here a minute.
     */
    @Test
    void aMarkTheSenderCouldNotClearIsClearedFromTheGuardsThread() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        guard = guardOn(new RedisTaskStore(redis.client(), Duration.ofMinutes(1), at -> {
            if (at == Faults.Point.SEND && thrown.compareAndSet(false, true)) {
                throw new StackOverflowError();
            }
            if (at == Faults.Point.CLEAR) {
                throw new StackOverflowError();
            }
        }));

        TaskError error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet()));

        assertThat(error.result().reason()).isEqualTo(TaskResult.GUARD_ERROR);
        awaitKeyspace();
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    /**
     * Worse: the caller cannot even hand the release over (its stack is spent), and its pipeline mark
     * stays. The renewer's next tick clears the mark and releases the lock.
     */
    @Test
    void whenEvenTheHandOverFailsTheNextRenewalTickReleasesTheLock() throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        guard = guardOn(new RedisTaskStore(redis.client(), Duration.ofMinutes(1), at -> {
            if (at == Faults.Point.REPLY && armed.compareAndSet(true, false)) {
                ticker.failNextExecute(new StackOverflowError());
                throw new StackOverflowError();
            }
        }));
        guard.run(DAILY, "20261127", r -> { }); // the scripts are loaded: the next reply is the acquire's
        armed.set(true);

        Throwable raw = org.assertj.core.api.Assertions.catchThrowable(
                () -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet()));
        assertThat(raw).isInstanceOf(StackOverflowError.class);
        assertThat(redis.get(LOCK)).as("taken by the acquire, not released yet").isNotNull();

        ticker.advance(Duration.ofSeconds(100)); // a third of the default 300 s lock timeout

        awaitKeyspace("success:task_fault:20261127=completed");
        assertThat(bodies).hasValue(0);
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    /**
     * Both at once: the sender cannot clear its mark and the caller cannot hand anything over (its stack
     * is spent). The renewer's next tick clears the mark for the dead caller, so the next call goes through.
     */
    @Test
    void aMarkLeftByACallerThatCouldNotHandOverIsClearedByTheNextTick() throws Exception {
        AtomicBoolean sendThrown = new AtomicBoolean();
        AtomicBoolean clearThrown = new AtomicBoolean();
        guard = guardOn(new RedisTaskStore(redis.client(), Duration.ofMinutes(1), at -> {
            if (at == Faults.Point.SEND && sendThrown.compareAndSet(false, true)) {
                throw new StackOverflowError();
            }
            if (at == Faults.Point.CLEAR && clearThrown.compareAndSet(false, true)) {
                ticker.failNextExecute(new StackOverflowError());
                throw new StackOverflowError();
            }
        }));

        Throwable raw = org.assertj.core.api.Assertions.catchThrowable(
                () -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet()));
        assertThat(raw).isInstanceOf(StackOverflowError.class);

        ticker.advance(Duration.ofSeconds(100)); // a third of the default 300 s lock timeout

        assertThat(bodies).hasValue(0);
        awaitKeyspace();
        assertTheNextCallFromAnotherThreadSucceeds();
    }

    /** The guard runs the store's watchdog: a request Redis never answers fails the run after the bound. */
    @Test
    void aRunWhoseRequestRedisNeverAnswersFailsAfterTheStuckBound() throws Exception {
        org.redisson.config.Config config = new org.redisson.config.Config();
        config.useSingleServer().setAddress(redis.uri()).setTimeout(30_000).setRetryAttempts(0);
        org.redisson.api.RedissonClient patient = org.redisson.Redisson.create(config);
        try {
            guard = TaskGuard.builder().store(new RedisTaskStore(patient, Duration.ofMillis(300), Faults.NONE))
                    .clock(clock).build();
            redis.pause(Duration.ofSeconds(3));

            TaskError error = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> catchThrowableOfType(
                    TaskError.class, () -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet())));

            assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_UNAVAILABLE);
            assertThat(error).hasMessageContaining("no reply from Redis within 300 ms");
            assertThat(bodies).hasValue(0);
        } finally {
            patient.shutdown();
        }
    }

    @Test
    void anInterruptedCallerStillAcquiresAndReleasesAndKeepsItsInterruptStatus() throws Exception {
        guard = guardOn(redisStore(Faults.NONE));
        Thread.currentThread().interrupt();

        TaskResult result = guard.run(DAILY, DAY, r -> bodies.incrementAndGet());

        assertThat(Thread.interrupted()).isTrue();
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.keyspace()).containsExactly("success:task_fault:20261128=completed");
    }

    private TaskStore redisStore(Faults faults) {
        return new RedisTaskStore(redis.client(), Duration.ofSeconds(2), faults);
    }

    private TaskGuard guardOn(TaskStore store) {
        // closeTimeout 0: the test's own close never waits for a run a fault left in flight
        return TaskGuard.builder().store(store).renewer(new LockRenewer(ticker)).clock(clock)
                .closeTimeout(Duration.ZERO).build();
    }

    private void awaitKeyspace(String... keys) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(redis.keyspace()).containsExactly(keys));
    }

    private void assertTheNextCallFromAnotherThreadSucceeds() throws Exception {
        int before = bodies.get();
        TaskResult next = assertTimeoutPreemptively(NEXT_CALL_BOUND,
                () -> otherThread.submit(() -> guard.run(DAILY, NEXT_DAY, r -> bodies.incrementAndGet())).get());
        assertThat(next.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(before + 1);
        assertThat(redis.get("lock:task_fault:" + NEXT_DAY)).isNull();
    }

    /** Throws any throwable from a lambda that declares none. */
    private static final class FaultyStoreAccess {

        @SuppressWarnings("unchecked")
        static <E extends Throwable> E raise(Throwable t) throws E {
            throw (E) t;
        }
    }
}
