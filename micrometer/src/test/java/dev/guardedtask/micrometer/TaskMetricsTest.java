package dev.guardedtask.micrometer;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The meters of {@link TaskMetrics} after known sequences of real runs against a real Redis, every meter of the
 * registry listed with its exact value: a success, a failure, each skip reason, a lost lock, store errors,
 * the active gauge inside and after a body, the last success in epoch seconds.
 */
class TaskMetricsTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final long NOW_SECONDS = TestClocks.NOW.getEpochSecond();

    private final MutableClock clock = TestClocks.mutable();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TaskMetrics metrics = new TaskMetrics(registry, clock);

    private TaskGuard guard(TaskListener... listeners) {
        TaskGuard.Builder builder = TaskGuard.builder().redisson(redis.client()).clock(clock);
        for (TaskListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** Every meter of the registry, one line each, sorted: {@code name{tag=value,...} value}. */
    private List<String> meters() {
        return registry.getMeters().stream().map(TaskMetricsTest::line).sorted().toList();
    }

    private static String line(Meter meter) {
        String tags = meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        String value;
        if (meter instanceof Counter counter) {
            value = Long.toString((long) counter.count());
        } else if (meter instanceof Timer timer) {
            value = "count=" + timer.count() + " total=" + (long) timer.totalTime(TimeUnit.MILLISECONDS) + "ms";
        } else if (meter instanceof Gauge gauge) {
            value = Double.toString(gauge.value());
        } else {
            value = meter.getClass().getSimpleName();
        }
        return meter.getId().getName() + tags + " " + value;
    }

    @Test
    void aSuccessCountsItsDurationOnTheGuardsClockAndItsTimeAsTheLastSuccess() {
        try (TaskGuard guard = guard(metrics)) {
            guard.run(TaskOptions.daily("report"), DAY, r -> clock.advance(Duration.ofMillis(1_500)));
        }

        assertThat(meters()).containsExactly(
                "guardedtask.last.success{task=report} " + (NOW_SECONDS + 1.5),
                "guardedtask.run.duration{status=success,task=report} count=1 total=1500ms",
                "guardedtask.runs.active{task=report} 0.0",
                "guardedtask.runs{reason=none,status=success,task=report} 1");
        assertThat(registry.get(TaskMetrics.LAST_SUCCESS).gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void aFailureCountsWithItsReasonAndLeavesNoLastSuccess() {
        try (TaskGuard guard = guard(metrics)) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> {
                clock.advance(Duration.ofMillis(250));
                throw new IllegalStateException("no input");
            })).isInstanceOf(TaskError.class);
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> r.fail("no_rows")))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(meters()).containsExactly(
                "guardedtask.run.duration{status=failed,task=report} count=2 total=250ms",
                "guardedtask.runs.active{task=report} 0.0",
                "guardedtask.runs{reason=exception,status=failed,task=report} 1",
                "guardedtask.runs{reason=no_rows,status=failed,task=report} 1");
    }

    @Test
    void eachSkipReasonIsCountedAndTimesNothing() {
        try (TaskGuard guard = guard(metrics)) {
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            redis.set("lock:report:20261129", "deadbeef", Duration.ofMinutes(1));
            TaskResult held = guard.run(TaskOptions.daily("report"), "20261129", r -> { });
            assertThat(held.reason()).isEqualTo(TaskResult.LOCK_HELD);
        }

        assertThat(meters()).containsExactly(
                "guardedtask.last.success{task=report} " + (double) NOW_SECONDS,
                "guardedtask.run.duration{status=success,task=report} count=1 total=0ms",
                "guardedtask.runs.active{task=report} 0.0",
                "guardedtask.runs{reason=already_completed,status=skipped,task=report} 2",
                "guardedtask.runs{reason=lock_held,status=skipped,task=report} 1",
                "guardedtask.runs{reason=none,status=success,task=report} 1");
    }

    @Test
    void aLockLostMidBodyIsCountedAndTheRunStillCountsAsASuccess() {
        TaskResult result;
        try (TaskGuard guard = guard(metrics)) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> redis.delete("lock:report:" + DAY));
        }

        assertThat(result.warnings()).anyMatch(w -> w.startsWith(TaskResult.LOCK_LOST));
        assertThat(meters()).containsExactly(
                "guardedtask.last.success{task=report} " + (double) NOW_SECONDS,
                "guardedtask.lock.lost{task=report} 1",
                "guardedtask.run.duration{status=success,task=report} count=1 total=0ms",
                "guardedtask.runs.active{task=report} 0.0",
                "guardedtask.runs{reason=none,status=success,task=report} 1");
    }

    @Test
    void aKeyOfAnotherTypeAtTheLockKeyIsAStoreErrorBackendRefusedAndAFailedCallWithoutABody() {
        redis.client().getMap("lock:report:" + DAY, StringCodec.INSTANCE).put("owner", "another-app");
        try (TaskGuard guard = guard(metrics)) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> { }))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(meters()).containsExactly(
                "guardedtask.run.duration{status=failed,task=report} count=1 total=0ms",
                "guardedtask.runs{reason=backend_refused,status=failed,task=report} 1",
                "guardedtask.store.errors{kind=backend_refused,task=report} 1");
    }

    @Test
    void aStoppedRedisIsAStoreErrorBackendUnavailable() {
        try (TaskGuard guard = guard(metrics)) {
            redis.stop();
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> { }))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(meters()).containsExactly(
                "guardedtask.run.duration{status=failed,task=report} count=1 total=0ms",
                "guardedtask.runs{reason=backend_unavailable,status=failed,task=report} 1",
                "guardedtask.store.errors{kind=backend_unavailable,task=report} 1");
    }

    @Test
    void theActiveGaugeIsOneWhileTheBodyRunsAndZeroAfter() {
        AtomicReference<Double> inside = new AtomicReference<>();
        AtomicReference<Double> nested = new AtomicReference<>();
        try (TaskGuard guard = guard(metrics)) {
            guard.run(TaskOptions.daily("report"), DAY, r -> {
                inside.set(active("report"));
                guard.run(TaskOptions.daily("inner"), DAY, n -> nested.set(active("report") + active("inner")));
            });
        }

        assertThat(inside.get()).isEqualTo(1.0);
        assertThat(nested.get()).isEqualTo(2.0);
        assertThat(active("report")).isEqualTo(0.0);
        assertThat(active("inner")).isEqualTo(0.0);
    }

    @Test
    void anAsynchronousRunIsActiveUntilItsWorkEndsAndCountsItsDurationOnTheGuardsClock() throws Exception {
        java.util.concurrent.CompletableFuture<String> work = new java.util.concurrent.CompletableFuture<>();
        try (TaskGuard guard = guard(metrics)) {
            var running = guard.runAsync(TaskOptions.recurring("export"), DAY, r -> work);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> registry.find(TaskMetrics.ACTIVE).tag("task", "export").gauge() != null
                            && active("export") == 1.0);
            clock.advance(java.time.Duration.ofMillis(1_500));
            work.complete("done");
            running.get(10, TimeUnit.SECONDS);
        }

        assertThat(active("export")).isEqualTo(0.0);
        assertThat(meters()).contains("guardedtask.runs{reason=none,status=success,task=export} 1",
                "guardedtask.run.duration{status=success,task=export} count=1 total=1500ms");
    }

    private double active(String task) {
        return registry.get(TaskMetrics.ACTIVE).tag("task", task).gauge().value();
    }

    @Test
    void theLastSuccessIsTheMetricsClocksTimeOfTheLatestSuccessPerTask() {
        try (TaskGuard guard = guard(metrics)) {
            guard.run(TaskOptions.recurring("odds"), DAY, r -> { });
            clock.advance(Duration.ofHours(1));
            guard.run(TaskOptions.recurring("odds"), DAY, r -> { });
            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> guard.run(TaskOptions.recurring("odds"), DAY, r -> r.fail("no_rows")))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(registry.get(TaskMetrics.LAST_SUCCESS).tag("task", "odds").gauge().value())
                .isEqualTo(NOW_SECONDS + 3_600.0);
        assertThat(registry.get(TaskMetrics.RUNS).tags(List.of(Tag.of("task", "odds"), Tag.of("status", "success")))
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void aListenerThatThrowsBeforeTheMetricsDoesNotStopThemNorTheRun() {
        TaskListener throwing = new TaskListener() {
            @Override
            public void started(TaskResult result) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void finished(TaskResult result, Duration duration) {
                throw new IllegalStateException("listener bug");
            }
        };
        TaskResult result;
        try (TaskGuard guard = guard(throwing, metrics)) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> { });
        }

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(meters()).containsExactly(
                "guardedtask.last.success{task=report} " + (double) NOW_SECONDS,
                "guardedtask.run.duration{status=success,task=report} count=1 total=0ms",
                "guardedtask.runs.active{task=report} 0.0",
                "guardedtask.runs{reason=none,status=success,task=report} 1");
    }

    @Test
    void everyMeterHasADescription() {
        try (TaskGuard guard = guard(metrics)) {
            guard.run(TaskOptions.daily("report"), DAY, r -> redis.delete("lock:report:" + DAY));
            redis.client().getMap("lock:report:20261129", StringCodec.INSTANCE).put("owner", "another-app");
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), "20261129", r -> { }))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactlyInAnyOrder(
                TaskMetrics.RUNS, TaskMetrics.RUNS, TaskMetrics.DURATION, TaskMetrics.DURATION, TaskMetrics.ACTIVE,
                TaskMetrics.LOCK_LOST, TaskMetrics.STORE_ERRORS, TaskMetrics.LAST_SUCCESS);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
    }
}
