package dev.guardedtask;

import dev.guardedtask.internal.Inputs;
import dev.guardedtask.internal.StepGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Steps run for one date in dependency order, as the Python boilerplate's task chain: a step runs only
 * if each of its dependencies succeeded, or had already completed (possibly on another worker);
 * otherwise it is skipped with {@code dependency_not_met}, and so are the steps that depend on it.
 *
 * <pre>{@code
 * TaskChain nightly = TaskChain.builder()
 *         .step("analysis", date -> jobs.analyze(date, null))
 *         .step("indexing", date -> jobs.index(date, null), "analysis")
 *         .step("report", date -> jobs.report(date, null), "indexing")
 *         .build();
 * ChainReport report = nightly.run(null);
 * }</pre>
 *
 * <p>Immutable and thread-safe; one chain can run for many dates.
 */
public final class TaskChain {

    private static final Logger log = LoggerFactory.getLogger(TaskChain.class);

    private final Map<String, ChainStep> steps;
    private final List<String> order;
    private final Clock clock;
    private final Clock systemClock;
    private final Executor executor;

    private TaskChain(Map<String, ChainStep> steps, List<String> order, Builder builder) {
        this.steps = steps;
        this.order = order;
        this.clock = builder.clock;
        this.systemClock = builder.systemClock;
        this.executor = builder.executor;
    }

    /**
     * A builder of a chain with no step yet.
     *
     * @return a new builder, not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every step for {@code date}. Step failures go into the report, they are not thrown.
     *
     * @param date {@code YYYYMMDD}, or {@code null} for today (see {@link Builder#clock}), taken once for all steps
     * @return the report: each step's result, in execution order
     * @throws IllegalArgumentException if {@code date} is not {@code YYYYMMDD}
     */
    public ChainReport run(String date) {
        String day = date != null ? Inputs.checkDate("TaskChain", date) : today();
        ChainReport report = new ChainReport(day, executor == null ? runInOrder(day) : runConcurrently(day));
        log.info("{}", report);
        return report;
    }

    /** From the chain's clock if one was given, else from the guard the steps would use, else the system's. */
    private String today() {
        TaskGuard guard = clock == null ? GuardedTasks.current() : null;
        if (guard != null) {
            return guard.today();
        }
        return Inputs.yyyymmdd(LocalDate.now(clock != null ? clock : systemClock));
    }

    private Map<String, TaskResult> runInOrder(String day) {
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (String id : order) {
            results.put(id, steps.get(id).run(day, results));
        }
        return results;
    }

    private Map<String, TaskResult> runConcurrently(String day) {
        Map<String, TaskResult> results = Collections.synchronizedMap(new LinkedHashMap<>());
        Map<String, CompletableFuture<Void>> ended = new HashMap<>();
        for (String id : order) {
            ChainStep step = steps.get(id);
            // woven steps on the executor's threads use the guard lent to the caller
            Runnable run = GuardedTasks.carryingLentGuard(() -> results.put(id, step.run(day, results)));
            CompletableFuture<?>[] dependencies = step.dependsOn().stream().map(ended::get)
                    .toArray(CompletableFuture<?>[]::new);
            ended.put(id, CompletableFuture.allOf(dependencies)
                    .thenRunAsync(run, executor)
                    .exceptionally(error -> refused(step, day, results, error)));
        }
        awaitAll(ended.values());
        return results;
    }

    private static Void refused(ChainStep step, String day, Map<String, TaskResult> results, Throwable error) {
        if (!(error.getCause() instanceof RejectedExecutionException)) {
            throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        }
        results.put(step.id(), step.failed(day, "the executor refused the step: " + error.getCause()));
        return null;
    }

    private static void awaitAll(Collection<CompletableFuture<Void>> steps) {
        try {
            CompletableFuture.allOf(steps.toArray(CompletableFuture<?>[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Declares the steps; {@link #build()} checks them. */
    public static final class Builder {

        private final List<ChainStep> steps = new ArrayList<>();
        private Clock clock;
        private Clock systemClock = Clock.systemDefaultZone();
        private Executor executor;

        private Builder() {
        }

        /**
         * Declares step {@code id} ({@code [A-Za-z0-9_.-]{1,200}}), run after every step in
         * {@code dependsOn}. Dependencies may be declared before or after it.
         *
         * @param id the step's id, unique in the chain
         * @param step what the step does, usually a call of a guarded method
         * @param dependsOn the ids of the steps that must end {@code success} or {@code already_completed} first
         * @return this builder
         */
        public Builder step(String id, TaskStep step, String... dependsOn) {
            steps.add(new ChainStep(id, step, dependsOn == null ? null : Arrays.asList(dependsOn.clone())));
            return this;
        }

        /**
         * What "today" is for {@code run(null)}, in the clock's zone. Default: today of the guard the steps'
         * woven methods use (lent by {@link GuardedTasks#runWith}, or installed), else of the system clock in
         * the system's default zone.
         *
         * @param clock the clock of "today"
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test seam: the clock standing for the system's when neither a clock nor a guard is there. */
        Builder systemClock(Clock clock) {
            this.systemClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs independent steps concurrently on {@code executor}; dependencies still come first. Default: one by one.
         *
         * @param executor where independent steps run
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Checks the steps and their dependencies, and builds the chain.
         *
         * @return the chain, immutable and thread-safe
         * @throws IllegalArgumentException naming the ids: an invalid or duplicate id, a null step, an
         *     unknown dependency, a cycle (with its path)
         * @throws IllegalStateException if no step was declared
         */
        public TaskChain build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("TaskChain: no steps; declare them with step(id, step, dependsOn...).");
            }
            Map<String, ChainStep> byId = new LinkedHashMap<>();
            Map<String, List<String>> dependencies = new LinkedHashMap<>();
            for (ChainStep step : steps) {
                check(step, byId);
                byId.put(step.id(), step);
                dependencies.put(step.id(), step.dependsOn());
            }
            List<String> order = new StepGraph(dependencies).order();
            return new TaskChain(Map.copyOf(byId), order, this);
        }

        private static void check(ChainStep step, Map<String, ChainStep> declared) {
            String id = step.id();
            if (!Inputs.isTaskName(id)) {
                throw new IllegalArgumentException("TaskChain: step id " + (id == null ? "null" : "'" + id + "'")
                        + " is invalid: " + Inputs.TASK_NAME_FORM + ".");
            }
            if (declared.containsKey(id)) {
                throw new IllegalArgumentException("TaskChain: step id '" + id + "' is declared twice; "
                        + "give each step its own id.");
            }
            if (step.step() == null) {
                throw new IllegalArgumentException("TaskChain: step '" + id + "' is null; pass what it runs, "
                        + "e.g. date -> jobs.analyze(date, null).");
            }
            if (step.dependsOn() == null || step.dependsOn().contains(null)) {
                throw new IllegalArgumentException("TaskChain: step '" + id + "' has a null dependency id; "
                        + "name the steps it depends on.");
            }
        }
    }
}
