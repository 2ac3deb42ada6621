package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Guarded calls from virtual threads (Java 21+): ten thousand at once, on Redis and in memory, neither
 * deadlock (every wait is bounded, and a call not back in time fails the test) nor pin a carrier (a JFR
 * recording of {@code jdk.VirtualThreadPinned}, threshold 0, sees no event while they run). A negative
 * control shows the recording does see a virtual thread that blocks where it cannot unmount.
 *
 * <p>The build runs this class on the JDK of the {@code virtual-threads} profile ({@code core/pom.xml}); it
 * is compiled for Java 17, like the library, and skips on a JVM without virtual threads.
 */
class VirtualThreadsTest {

    private static final Logger log = LoggerFactory.getLogger(VirtualThreadsTest.class);

    static final int CALLS = 10_000;
    static final int TASKS = 1_000;
    /** A recurring body holds until this many more calls have returned (or all the others have). */
    static final int HOLD = 100;
    static final Duration BOUND = Duration.ofSeconds(30);
    static final TaskOptions DAILY = TaskOptions.daily("task_report");
    static final TaskOptions RECURRING = TaskOptions.recurring("task_odds");

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final List<TaskGuard> guards = new ArrayList<>();

    enum Store { REDIS, MEMORY }

    /** On a JVM with virtual threads, names it (so the build's output shows which JDK ran the class) and warms up. */
    @BeforeAll
    static void warmUpOnJava21OrLater() throws Exception {
        if (!VirtualThreadLoad.available()) {
            return; // each test skips, saying why
        }
        log.info("virtual threads: on Java {} ({}), {} processors", Runtime.version(),
                System.getProperty("java.home"), Runtime.getRuntime().availableProcessors());
        for (Store store : Store.values()) {
            warmUp(store);
        }
    }

    @BeforeEach
    void onJava21OrLater() {
        assumeTrue(VirtualThreadLoad.available(), "virtual threads need Java 21 or later and this JVM is Java "
                + Runtime.version() + ": the virtual-threads profile (core/pom.xml) runs this class on a JDK 21+, "
                + "-Pvirtual-threads -Dvirtual-threads.jvm=/path/to/bin/java");
    }

    /**
     * The first calls of a JVM initialize the guard's classes. A virtual thread that needs a class another thread
     * is initializing waits for it pinned, on every JDK so far (JEP 491 left that case): a thousand calls at once
     * into a cold JVM show a few such waits (seen: "Waited for initialization of dev.guardedtask.GuardedRun by
     * another thread", and at the same call, "Freeze or preempt failed"), of a few ms each, once. The log shows
     * them; the tests then measure the warm path, which must pin for nothing.
     */
    private static void warmUp(Store store) throws Exception {
        TaskGuard.Builder builder = TaskGuard.builder().clock(TestClocks.fixed());
        try (TaskGuard guard = (store == Store.REDIS ? builder.redisson(redis.client()) : builder.inMemory()).build();
             PinnedEvents recording = PinnedEvents.record()) {
            VirtualThreadLoad.Outcomes outcomes = new VirtualThreadLoad(TASKS, BOUND).run(i -> switch (i % 3) {
                case 0 -> guard.run(TaskOptions.daily("task_warm_up"), TestClocks.TODAY, r -> { });
                case 1 -> guard.run(TaskOptions.recurring("task_warm_up_recurring"), null, r -> { });
                default -> guard.runAsync(TaskOptions.daily("task_warm_up_async").withKey("k" + i), TestClocks.TODAY,
                        r -> java.util.concurrent.CompletableFuture.completedFuture(null)).join();
            });
            List<RecordedEvent> pinned = recording.stop();
            log.info("virtual threads, {} cold start: {}; {} pinned events{}", store, outcomes.figures(), pinned.size(),
                    pinned.isEmpty() ? "" : ": " + PinnedEvents.reasons(pinned));
        }
    }

    @AfterEach
    void close() {
        guards.forEach(TaskGuard::close);
    }

    private TaskGuard guard(Store store) {
        TaskGuard.Builder builder = TaskGuard.builder().clock(TestClocks.fixed());
        TaskGuard guard = (store == Store.REDIS ? builder.redisson(redis.client()) : builder.inMemory()).build();
        guards.add(guard);
        return guard;
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void tenThousandVirtualThreadsRunADailyTaskForOneDateExactlyOnceAndSkipEveryOtherCall(Store store) throws Exception {
        TaskGuard guard = guard(store);
        AtomicInteger bodies = new AtomicInteger();

        VirtualThreadLoad.Outcomes outcomes = withoutPinning(store + " daily", new VirtualThreadLoad(CALLS, BOUND),
                i -> guard.run(DAILY, TestClocks.TODAY, r -> bodies.incrementAndGet()));

        assertThat(outcomes.onVirtualThreads()).isEqualTo(CALLS);
        assertThat(bodies).hasValue(1);
        assertThat(outcomes.count(TaskStatus.SUCCESS)).isEqualTo(1);
        assertThat(outcomes.skipped(TaskResult.ALREADY_COMPLETED) + outcomes.skipped(TaskResult.LOCK_HELD))
                .as(outcomes.figures()).isEqualTo(CALLS - 1);
        assertThat(outcomes.count(TaskStatus.SKIPPED)).isEqualTo(CALLS - 1);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void recurringBodiesHeldOpenNeverOverlapAndEveryOtherCallIsSkippedWithLockHeld(Store store) throws Exception {
        TaskGuard guard = guard(store);
        VirtualThreadLoad load = new VirtualThreadLoad(CALLS, BOUND);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger bodies = new AtomicInteger();

        VirtualThreadLoad.Outcomes outcomes = withoutPinning(store + " recurring", load,
                i -> guard.run(RECURRING, null, r -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    bodies.incrementAndGet();
                    try {
                        int until = Math.min(load.returned() + HOLD, CALLS - 1); // the other calls all return
                        await("the body held until " + until + " calls have returned").atMost(BOUND).pollInSameThread()
                                .pollInterval(Duration.ofMillis(1)).until(() -> load.returned() >= until);
                    } finally {
                        inside.decrementAndGet();
                    }
                }));

        assertThat(mostInside).as("bodies running at once").hasValue(1);
        assertThat(outcomes.count(TaskStatus.FAILED)).as(outcomes.figures()).isZero();
        assertThat(outcomes.count(TaskStatus.SUCCESS)).isEqualTo(bodies.get()).isBetween(1L, (long) CALLS / HOLD);
        assertThat(outcomes.skipped(TaskResult.LOCK_HELD)).isEqualTo(CALLS - bodies.get());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aThousandDailyTasksCalledTenTimesEachOnVirtualThreadsRunEachTaskExactlyOnce(Store store) throws Exception {
        TaskGuard guard = guard(store);
        AtomicIntegerArray bodies = new AtomicIntegerArray(TASKS);
        List<TaskOptions> tasks = IntStream.range(0, TASKS).mapToObj(t -> TaskOptions.daily("task_vt_" + t)).toList();

        VirtualThreadLoad.Outcomes outcomes = withoutPinning(store + " " + TASKS + " tasks",
                new VirtualThreadLoad(CALLS, BOUND),
                i -> guard.run(tasks.get(i % TASKS), TestClocks.TODAY, r -> bodies.incrementAndGet(i % TASKS)));

        assertThat(outcomes.count(TaskStatus.SUCCESS)).isEqualTo(TASKS);
        assertThat(outcomes.count(TaskStatus.SKIPPED)).as(outcomes.figures()).isEqualTo(CALLS - TASKS);
        assertThat(IntStream.range(0, TASKS).filter(t -> bodies.get(t) != 1).boxed().toList())
                .as("tasks whose body did not run exactly once").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void asynchronousKeyedRunsCalledAndAwaitedOnVirtualThreadsRunEachKeyExactlyOnce(Store store) throws Exception {
        java.util.concurrent.ExecutorService virtual = VirtualThreadLoad.newVirtualThreadPerTaskExecutor();
        TaskGuard.Builder builder = TaskGuard.builder().clock(TestClocks.fixed()).asyncExecutor(virtual);
        TaskGuard guard = (store == Store.REDIS ? builder.redisson(redis.client()) : builder.inMemory()).build();
        guards.add(guard);
        AtomicIntegerArray bodies = new AtomicIntegerArray(TASKS);
        try {
            VirtualThreadLoad.Outcomes outcomes = withoutPinning(store + " async, " + TASKS + " keys",
                    new VirtualThreadLoad(CALLS, BOUND), i -> guard.runAsync(DAILY.withKey("k" + i % TASKS),
                            TestClocks.TODAY, r -> java.util.concurrent.CompletableFuture.runAsync(
                                    () -> bodies.incrementAndGet(i % TASKS), virtual)).join());

            assertThat(outcomes.count(TaskStatus.SUCCESS)).isEqualTo(TASKS);
            assertThat(outcomes.count(TaskStatus.SKIPPED)).as(outcomes.figures()).isEqualTo(CALLS - TASKS);
            assertThat(IntStream.range(0, TASKS).filter(t -> bodies.get(t) != 1).boxed().toList())
                    .as("keys whose body did not run exactly once").isEmpty();
        } finally {
            virtual.shutdownNow();
        }
    }

    /** The negative control: the recording is real, it sees a guarded body that blocks where it cannot unmount. */
    @Test
    void theRecordingSeesAGuardedBodyOnAVirtualThreadThatBlocksInAClassInitializer() throws Exception {
        TaskGuard guard = guard(Store.MEMORY);
        List<RecordedEvent> pinned;
        try (PinnedEvents recording = PinnedEvents.record()) {
            VirtualThreadLoad.Outcomes outcomes = new VirtualThreadLoad(1, BOUND)
                    .run(i -> guard.run(DAILY, TestClocks.TODAY, r -> BlocksInItsInitializer.load()));
            assertThat(outcomes.count(TaskStatus.SUCCESS)).isEqualTo(1);
            pinned = recording.stop();
        }

        // Java 24+ (JEP 491) unmounts inside synchronized, not inside a class initializer, a VM call on the stack.
        assertThat(pinned).as("pinned events").hasSize(1);
        assertThat(PinnedEvents.describe(pinned)).contains(BlocksInItsInitializer.class.getName() + ".<clinit>");
        log.info("virtual threads: the negative control was seen pinned: {}", PinnedEvents.describe(pinned));
    }

    /** Runs {@code call} on {@code load}, recording pinned virtual threads; fails with their stacks if any. */
    private static VirtualThreadLoad.Outcomes withoutPinning(String label, VirtualThreadLoad load,
                                                            IntFunction<TaskResult> call) throws InterruptedException {
        VirtualThreadLoad.Outcomes outcomes;
        List<RecordedEvent> pinned;
        try (PinnedEvents recording = PinnedEvents.record()) {
            outcomes = load.run(call);
            pinned = recording.stop();
        }
        log.info("virtual threads, {}: {}; {} pinned events", label, outcomes.figures(), pinned.size());
        assertThat(pinned).withFailMessage(() -> pinned.size() + " virtual threads were pinned:\n"
                + PinnedEvents.describe(pinned)).isEmpty();
        return outcomes;
    }

    /** Its initializer parks a millisecond: a virtual thread running it cannot unmount, even on Java 24+. */
    static final class BlocksInItsInitializer {

        static {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }

        static void load() {
        }
    }
}
