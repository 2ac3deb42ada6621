package dev.guardedtask.micrometer;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

import java.util.concurrent.atomic.AtomicReference;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The observations of {@link TaskObservations} for real runs against a real Redis, checked with
 * micrometer-observation-test (whose registry also checks the lifecycle: started once, stopped once, scopes
 * closed in order): names and keys, the scope open while the body runs, errors, skips, nesting.
 */
class TaskObservationsTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private TaskGuard guard() {
        return TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .listener(new TaskObservations(registry)).build();
    }

    @Test
    void aSuccessfulRunIsOneStoppedObservationWithItsKeysWhoseScopeIsOpenWhileTheBodyRuns() {
        AtomicReference<Observation> current = new AtomicReference<>();
        TaskResult result;
        try (TaskGuard guard = guard()) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> current.set(registry.getCurrentObservation()));
        }

        assertThat(registry).hasNumberOfObservationsEqualTo(1).hasSingleObservationThat()
                .hasNameEqualTo("guardedtask.run").hasContextualNameEqualTo("guardedtask report")
                .hasLowCardinalityKeyValue("task", "report").hasLowCardinalityKeyValue("status", "success")
                .hasLowCardinalityKeyValue("reason", "none")
                .hasHighCardinalityKeyValue("task.date", DAY).hasHighCardinalityKeyValue("task.id", result.taskId())
                .hasKeyValuesCount(5).doesNotHaveError().hasBeenStarted().hasBeenStopped();
        assertThat(current.get()).as("the observation seen inside the body").isNotNull();
        assertThat(((TaskObservationContext) current.get().getContext()).result()).isSameAs(result);
        assertThat(registry.getCurrentObservation()).as("the scope is closed after the run").isNull();
    }

    @Test
    void anAsynchronousRunsScopeIsOpenWhileItsBodyStartsAndClosedOnThatThreadWhenItReturnsItsStage()
            throws Exception {
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.CompletableFuture<String> work = new java.util.concurrent.CompletableFuture<>();
        AtomicReference<Observation> inside = new AtomicReference<>();
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .asyncExecutor(executor).listener(new TaskObservations(registry)).build()) {
            var running = guard.runAsync(TaskOptions.recurring("export"), DAY, r -> {
                inside.set(registry.getCurrentObservation());
                return work;
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> inside.get() != null);
            assertThat(executor.submit(registry::getCurrentObservation).get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the executor's thread, once the body returned its stage").isNull();
            work.complete("done");
            result = running.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }

        assertThat(((TaskObservationContext) inside.get().getContext()).result()).isSameAs(result);
        assertThat(registry).hasNumberOfObservationsEqualTo(1).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("status", "success").hasBeenStarted().hasBeenStopped();
    }

    @Test
    void aFailedRunRecordsATaskFailedExceptionWithItsReasonAndFirstError() {
        TaskError error;
        try (TaskGuard guard = guard()) {
            error = (TaskError) org.assertj.core.api.Assertions.catchThrowable(() ->
                    guard.run(TaskOptions.daily("report"), DAY, r -> {
                        throw new IllegalStateException("no input");
                    }));
        }

        assertThat(registry).hasSingleObservationThat().hasLowCardinalityKeyValue("status", "failed")
                .hasLowCardinalityKeyValue("reason", "exception").hasBeenStopped()
                .assertThatError().isInstanceOf(TaskFailedException.class)
                .hasMessage("Task 'report' for " + DAY + " failed (task id " + error.result().taskId()
                        + "): exception: java.lang.IllegalStateException: no input");
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void aSkippedCallIsAShortObservationWithTheSkipReasonAndNoError() {
        try (TaskGuard guard = guard()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
            registry.clear();
            guard.run(TaskOptions.daily("report"), DAY, r -> { });
        }

        assertThat(registry).hasSingleObservationThat().hasNameEqualTo("guardedtask.run")
                .hasLowCardinalityKeyValue("status", "skipped").hasLowCardinalityKeyValue("reason", "already_completed")
                .doesNotHaveError().hasBeenStarted().hasBeenStopped();
    }

    @Test
    void aCallThatFailsBeforeItsBodyIsAnObservationWithTheStoreErrorsReason() {
        redis.client().getMap("lock:report:" + DAY, StringCodec.INSTANCE).put("owner", "another-app");
        try (TaskGuard guard = guard()) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("report"), DAY, r -> { }))
                    .isInstanceOf(TaskError.class);
        }

        assertThat(registry).hasSingleObservationThat().hasLowCardinalityKeyValue("status", "failed")
                .hasLowCardinalityKeyValue("reason", "backend_refused").hasBeenStopped()
                .assertThatError().isInstanceOf(TaskFailedException.class);
    }

    @Test
    void aNestedRunsObservationIsAChildOfTheOuterRuns() {
        try (TaskGuard guard = guard()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> guard.run(TaskOptions.daily("inner"), DAY, n -> { }));
        }

        assertThat(registry).hasNumberOfObservationsEqualTo(2)
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("task", "inner")
                        .hasParentObservationContextMatching(parent ->
                                "guardedtask report".equals(((Observation.ContextView) parent).getContextualName())))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("task", "report").doesNotHaveParentObservation());
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void aLockLostMidBodyIsAnEventOfTheRunsObservation() {
        try (TaskGuard guard = guard()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> redis.delete("lock:report:" + DAY));
        }

        assertThat(registry).hasSingleObservationThat().hasLowCardinalityKeyValue("status", "success")
                .hasEvent("guardedtask.lock.lost").doesNotHaveEvent("guardedtask.store.error").hasBeenStopped();
    }

    @Test
    void aStoreErrorAtTheReleaseIsAnEventOfTheRunsObservationNamingTheKind() {
        try (TaskGuard guard = guard()) {
            guard.run(TaskOptions.daily("report"), DAY, r -> {
                redis.delete("lock:report:" + DAY);
                redis.client().getMap("lock:report:" + DAY, StringCodec.INSTANCE).put("owner", "another-app");
            });
        }

        assertThat(registry).hasSingleObservationThat().hasLowCardinalityKeyValue("status", "success")
                .hasEvent("guardedtask.store.error", "store error backend_refused").hasBeenStopped();
    }
}
