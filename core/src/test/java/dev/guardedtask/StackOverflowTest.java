package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The input: a daily task called at the bottom of a recursion on
 * a thread with a 512 KiB stack, a new date per call, deeper each time until the stack overflows
 * before the guard starts. At some depths the body fits but the guard's own steps do not. At every
 * depth: the thread ends, the lock is released (within 4 s, before its 6 s timeout could free it), a success key exists exactly when the body completed, and
 * the next call from a normal stack succeeds at once.
 */
class StackOverflowTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    /** Short, so a release the renewer's tick makes (every 2 s) is seen fast; a lock that expires is not. */
    static final TaskOptions DAILY = TaskOptions.daily("task_deep").withLockTimeout(Duration.ofSeconds(6));
    static final LocalDate FIRST = LocalDate.of(2026, 11, 28);

    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client())
            .clock(Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC)).build();

    @AfterEach
    void close() {
        guard.close();
    }

    @Test
    void atEveryDepthUpToOverflowNoLockIsLeftAndTheGuardKeepsServing() throws Exception {
        int room = framesBeforeOverflow();
        Map<String, Integer> outcomes = new TreeMap<>();
        int day = 0;
        int overflowsInARow = 0;
        int depth = room / 2; // the probe may count frames bigger or smaller than the sweep's: start low
        for (int runs = 0; overflowsInARow < 20 && runs < 20_000; depth += 4, runs++) {
            String date = date(day++);
            AtomicBoolean bodyDone = new AtomicBoolean();
            AtomicReference<Object> outcome = new AtomicReference<>();
            int frames = depth;
            Thread deep = new Thread(null, () -> outcome.set(callAtDepth(frames, date, bodyDone)), "deep", 512 * 1024);
            deep.start();
            deep.join(Duration.ofSeconds(10).toMillis());
            assertThat(deep.isAlive()).as("depth %d: the call ended; it is at %s", depth, stackOf(deep)).isFalse();

            String described = describe(outcome.get());
            outcomes.merge(described, 1, Integer::sum);
            overflowsInARow = described.equals("StackOverflowError") && !bodyDone.get() ? overflowsInARow + 1 : 0;
            if (overflowsInARow == 20 && outcomes.getOrDefault("success", 0) < 1_000) {
                // Before the JIT compiles the recursion its frames are bigger: the stack ran out early. Again, lower.
                overflowsInARow = 0;
                depth = depth / 2;
            }
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(4))
                    .untilAsserted(() -> assertThat(redis.get(lock(date))).as("depth %d: lock released after %s%s", frames, described, where(outcome.get())).isNull());
            assertThat(redis.get("success:task_deep:" + date)).as("depth %d: success key iff the body completed", depth)
                    .isEqualTo(bodyDone.get() ? "completed" : null);
            if (outcome.get() instanceof TaskResult result) {
                assertThat(result.status()).as("depth %d", depth).isEqualTo(TaskStatus.SUCCESS);
            }
            assertThat(guard.run(DAILY, date(day++), r -> { }).status()).as("depth %d: next call", depth)
                    .isEqualTo(TaskStatus.SUCCESS);
        }
        System.out.printf("stack overflow sweep up to %d frames (probe: %d): %s%n", depth, room, outcomes);
        assertThat(outcomes).as("the sweep reached both a success and an overflow before the guard ran")
                .containsKeys("success", "StackOverflowError");
    }

    private Object callAtDepth(int depth, String date, AtomicBoolean bodyDone) {
        try {
            return recurse(depth, () -> guard.run(DAILY, date, result -> bodyDone.set(true)));
        } catch (Throwable t) {
            return t;
        }
    }

    /** How many frames of {@link #recurse} fit on a 512 KiB stack, once compiled: where the sweep starts. */
    private static int framesBeforeOverflow() throws InterruptedException {
        for (int warm = 0; warm < 200; warm++) {
            recurse(500, () -> null);
        }
        int[] deepest = new int[1];
        Thread probe = new Thread(null, () -> {
            try {
                recurse(Integer.MAX_VALUE, () -> null, deepest);
            } catch (StackOverflowError expected) {
                // deepest[0] says how far it got
            }
        }, "probe", 512 * 1024);
        probe.start();
        probe.join();
        return deepest[0];
    }

    private static Object recurse(int depth, java.util.function.Supplier<Object> atBottom) {
        return recurse(depth, atBottom, new int[1]);
    }

    private static Object recurse(int depth, java.util.function.Supplier<Object> atBottom, int[] reached) {
        reached[0]++;
        return depth == 0 ? atBottom.get() : recurse(depth - 1, atBottom, reached);
    }

    private static String describe(Object outcome) {
        if (outcome instanceof TaskResult result) {
            return result.warnings().isEmpty() ? "success" : "success with " + result.warnings().get(0).split(":")[0];
        }
        if (outcome instanceof TaskError error) {
            return "TaskError " + error.result().reason();
        }
        return ((Throwable) outcome).getClass().getSimpleName();
    }

    private static String stackOf(Thread thread) {
        StringBuilder frames = new StringBuilder();
        StackTraceElement[] trace = thread.getStackTrace();
        for (int i = 0; i < Math.min(40, trace.length); i++) {
            frames.append("\n  ").append(trace[i]);
        }
        return frames.toString();
    }

    /** Where a throwable came from in the guard: its frames in dev.guardedtask, innermost first. */
    private static String where(Object outcome) {
        if (!(outcome instanceof Throwable thrown)) {
            return "";
        }
        StringBuilder frames = new StringBuilder();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.guardedtask") && !frame.getClassName().endsWith("Test")) {
                frames.append(" < ").append(frame.getClassName().substring(16)).append('.').append(frame.getMethodName())
                        .append(':').append(frame.getLineNumber());
            }
        }
        return frames.toString();
    }

    private static String date(int day) {
        LocalDate date = FIRST.plusDays(day);
        return String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static String lock(String date) {
        return "lock:task_deep:" + date;
    }
}
