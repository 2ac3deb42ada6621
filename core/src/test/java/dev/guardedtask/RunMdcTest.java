package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** While a body runs the MDC names its run; what it held before is put back, for nested runs too. */
class RunMdcTest {

    static final String DAY = TestClocks.TODAY;

    @AfterEach
    void clear() {
        MDC.clear();
    }

    private static Map<String, String> runKeys() {
        Map<String, String> all = MDC.getCopyOfContextMap();
        return all == null ? Map.of() : Map.copyOf(all);
    }

    @Test
    void theBodySeesItsTaskDateAndRunIdAndTheKeysAreGoneAfter() {
        List<Map<String, String>> seen = new ArrayList<>();
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build()) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> seen.add(runKeys()));
        }

        assertThat(seen).containsExactly(Map.of("guardedtask.task", "report", "guardedtask.date", DAY,
                "guardedtask.task_id", result.taskId()));
        assertThat(runKeys()).isEmpty();
    }

    @Test
    void aKeyedRunPutsItsKeyAndAnUnkeyedRunNestedInItShowsNone() {
        List<Map<String, String>> seen = new ArrayList<>();
        TaskResult outer;
        TaskResult inner;
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build()) {
            List<TaskResult> inners = new ArrayList<>();
            outer = guard.run(TaskOptions.daily("export").withKey("c1"), DAY, r -> {
                seen.add(runKeys());
                inners.add(guard.run(TaskOptions.daily("inner"), DAY, in -> seen.add(runKeys())));
                seen.add(runKeys());
            });
            inner = inners.get(0);
        }

        assertThat(seen).containsExactly(
                Map.of("guardedtask.task", "export", "guardedtask.date", DAY, "guardedtask.task_id", outer.taskId(),
                        "guardedtask.key", "c1"),
                Map.of("guardedtask.task", "inner", "guardedtask.date", DAY, "guardedtask.task_id", inner.taskId()),
                Map.of("guardedtask.task", "export", "guardedtask.date", DAY, "guardedtask.task_id", outer.taskId(),
                        "guardedtask.key", "c1"));
        assertThat(runKeys()).isEmpty();
    }

    @Test
    void aNestedRunHasItsOwnKeysAndTheOuterOnesComeBackAfterItAndWhatWasThereBeforeAfterBoth() {
        MDC.put("guardedtask.task", "set-by-the-caller");
        MDC.put("request", "r-1");
        List<Map<String, String>> seen = new ArrayList<>();
        TaskResult outer;
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build()) {
            outer = guard.run(TaskOptions.recurring("outer"), DAY, r -> {
                seen.add(runKeys());
                assertThatThrownBy(() -> guard.run(TaskOptions.daily("inner"), "20261127", inner -> {
                    seen.add(runKeys());
                    throw new IllegalStateException("inner fails");
                })).isInstanceOf(TaskError.class);
                seen.add(runKeys());
            });
        }

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).containsEntry("guardedtask.task", "outer").containsEntry("request", "r-1")
                .containsEntry("guardedtask.task_id", outer.taskId());
        assertThat(seen.get(1)).containsEntry("guardedtask.task", "inner").containsEntry("guardedtask.date", "20261127");
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
        assertThat(runKeys()).isEqualTo(Map.of("guardedtask.task", "set-by-the-caller", "request", "r-1"));
    }

    @Test
    void anAsynchronousRunNamesItsRunWhileItsBodyStartsAndWhileItsEndIsToldAndTheThreadsAreLeftClean() throws Exception {
        List<Map<String, String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService elsewhere = java.util.concurrent.Executors.newSingleThreadExecutor();
        TaskResult result;
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).asyncExecutor(executor)
                .listener(new TaskListener() {
                    @Override
                    public void finished(TaskResult r, java.time.Duration duration) {
                        seen.add(runKeys());
                    }
                }).build()) {
            java.util.concurrent.CompletableFuture<Void> work = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.CompletableFuture<TaskResult> dependent = guard.runAsync(TaskOptions.daily("export"), DAY,
                    r -> {
                        seen.add(runKeys());
                        return work;
                    }).thenApply(r -> {
                        seen.add(runKeys());
                        return r;
                    });
            // The work ends only once the dependent stage is chained: one chained after the caller's stage completed
            // would run on the thread that chains it, as with any CompletableFuture.
            elsewhere.execute(() -> work.complete(null));
            result = dependent.get(10, java.util.concurrent.TimeUnit.SECONDS);
            seen.add(executor.submit(RunMdcTest::runKeys).get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
            elsewhere.shutdownNow();
        }

        Map<String, String> run = Map.of("guardedtask.task", "export", "guardedtask.date", DAY,
                "guardedtask.task_id", result.taskId());
        assertThat(seen).as("body, listener, dependent stage, then the executor's thread afterwards")
                .containsExactly(run, run, run, Map.of());
        assertThat(runKeys()).isEmpty();
    }
}
