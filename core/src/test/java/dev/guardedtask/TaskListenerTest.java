package dev.guardedtask;

import dev.guardedtask.testsupport.CapturedOutput;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a guard tells its {@link TaskListener}s, on a real Redis: the exact calls, in order, for a success, a
 * failure, each skip, a lost lock and a store error; and a listener that throws breaks neither the run nor the
 * other listeners, and is logged once per kind of throwable.
 */
class TaskListenerTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;

    private final MutableClock clock = TestClocks.mutable();
    private final Recorder recorder = new Recorder();

    /** Writes down each call as one line. */
    static final class Recorder implements TaskListener {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void skipped(TaskResult result) {
            calls.add("skipped " + result.task() + " " + result.reason());
        }

        @Override
        public void started(TaskResult result) {
            calls.add("started " + result.task() + " " + result.status().wireName());
        }

        @Override
        public void lockLost(TaskResult result) {
            calls.add("lockLost " + result.task());
        }

        @Override
        public void storeError(TaskResult result, String reason, String message) {
            calls.add("storeError " + result.task() + " " + reason);
        }

        @Override
        public void finished(TaskResult result, Duration duration) {
            calls.add("finished " + result.task() + " " + result.status().wireName() + " " + result.reason() + " "
                    + duration);
        }
    }

    @Test
    void aSuccessAFailureAndEachSkipAreToldInOrderWithTheirDurationOnTheGuardsClock() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).listener(recorder).build()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> clock.advance(Duration.ofMillis(1_500)));
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            redis.set("lock:report:20261129", "deadbeef", Duration.ofMinutes(1));
            guard.run(TaskOptions.daily("report"), "20261129", r -> { });
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("import"), DAY, r -> {
                clock.advance(Duration.ofSeconds(2));
                throw new IllegalStateException("disk full");
            })).isInstanceOf(TaskError.class);
        }

        assertThat(recorder.calls).containsExactly(
                "started report pending", "finished report success null PT1.5S",
                "skipped report already_completed",
                "skipped report lock_held",
                "started import pending", "finished import failed exception PT2S");
    }

    @Test
    void aLostLockIsToldBeforeTheEnd() {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).listener(recorder).build()) {
            guard.run(TaskOptions.recurring("task_odds"), DAY, r -> redis.delete("lock:task_odds:" + DAY));
        }

        assertThat(recorder.calls).containsExactly(
                "started task_odds pending", "lockLost task_odds", "finished task_odds success null PT0S");
    }

    @Test
    void aStoreErrorBeforeTheBodyIsToldThenTheEndWithoutAStart() {
        redis.client().getMap("lock:report:" + DAY, StringCodec.INSTANCE).put("owner", "another-app");
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).listener(recorder).build()) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> { }))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(recorder.calls).containsExactly(
                "storeError report backend_refused", "finished report failed backend_refused PT0S");
    }

    @Test
    void aListenerThatThrowsBreaksNeitherTheRunNorTheNextListenerAndIsLoggedOncePerKind() {
        TaskListener throwing = new TaskListener() {
            @Override
            public void started(TaskResult result) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void finished(TaskResult result, Duration duration) {
                throw new AssertionError("listener assertion");
            }
        };
        List<TaskResult> results;
        String log;
        try (CapturedOutput output = CapturedOutput.start();
             TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).listener(throwing)
                     .listener(recorder).build()) {
            results = List.of(guard.run(TaskOptions.recurring("task_odds"), DAY, r -> { }),
                    guard.run(TaskOptions.recurring("task_odds"), DAY, r -> { }),
                    guard.run(TaskOptions.recurring("task_odds"), DAY, r -> { }));
            log = output.text();
        }

        assertThat(results).extracting(TaskResult::status).containsOnly(TaskStatus.SUCCESS);
        assertThat(recorder.calls).hasSize(6);
        assertThat(log.lines().filter(line -> line.contains("threw java.lang.IllegalStateException: listener bug")))
                .hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("threw java.lang.AssertionError: listener assertion")))
                .hasSize(1);
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void whateverCallbackThrowsTheNextListenerStillHearsEveryCall() {
        TaskListener throwing = new TaskListener() {
            @Override
            public void skipped(TaskResult result) {
                throw new UnsupportedOperationException("skipped");
            }

            @Override
            public void lockLost(TaskResult result) {
                throw new IllegalArgumentException("lockLost");
            }

            @Override
            public void storeError(TaskResult result, String reason, String message) {
                throw new ArithmeticException("storeError");
            }
        };
        redis.client().getMap("lock:broken:" + DAY, StringCodec.INSTANCE).put("owner", "another-app");
        String log;
        try (CapturedOutput output = CapturedOutput.start();
             TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).listener(throwing)
                     .listener(recorder).build()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> redis.delete("lock:report:" + DAY));
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("broken"), DAY, r -> { }))
                    .isInstanceOf(TaskError.class);
            log = output.text();
        }

        for (String thrown : List.of("java.lang.UnsupportedOperationException: skipped",
                "java.lang.IllegalArgumentException: lockLost", "java.lang.ArithmeticException: storeError")) {
            assertThat(log.lines().filter(line -> line.contains("threw " + thrown))).as(thrown).hasSize(1);
        }

        assertThat(recorder.calls).containsExactly(
                "started report pending", "lockLost report", "finished report success null PT0S",
                "skipped report already_completed",
                "storeError broken backend_refused", "finished broken failed backend_refused PT0S");
    }

    @Test
    void aNullListenerIsRefusedWithTheFix() {
        assertThatThrownBy(() -> TaskGuard.builder().listener(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard.builder().listener(listener) got null; pass a value.");
    }

    @Test
    void aSynchronousRunToldItsBodyReturnedOnTheBodysThreadAfterTheReleaseAndBeforeFinished() {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed())
                .listener(new TaskListener() {
                    @Override
                    public void started(TaskResult result) {
                        order.add("started");
                    }

                    @Override
                    public void bodyReturned(TaskResult result) {
                        order.add("bodyReturned " + result.status().wireName() + " " + (Thread.currentThread() == caller));
                    }

                    @Override
                    public void finished(TaskResult result, Duration duration) {
                        order.add("finished");
                    }
                }).build()) {
            guard.run(TaskOptions.daily("report"), null, r -> order.add("body"));
        }

        assertThat(order).containsExactly("started", "body", "bodyReturned success true", "finished");
    }
}
