package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskChainTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = "20261128";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).build();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    /** A daily guarded step named {@code ch_<id>} that records when it starts and ends. */
    private TaskStep step(String id) {
        return date -> guard.run(TaskOptions.daily("ch_" + id), date, r -> {
            events.add(id);
        });
    }

    private TaskStep failing(String id) {
        return date -> guard.run(TaskOptions.daily("ch_" + id), date, r -> {
            throw new IllegalStateException(id + " broke");
        });
    }

    @Test
    void stepsRunInDependencyOrderWithTiesInDeclarationOrder() {
        TaskChain diamond = TaskChain.builder()
                .step("d", step("d"), "b", "c")
                .step("c", step("c"), "a")
                .step("b", step("b"), "a")
                .step("a", step("a"))
                .build();

        ChainReport report = diamond.run(DAY);

        assertThat(events).containsExactly("a", "c", "b", "d");
        assertThat(report.results().keySet()).containsExactly("a", "c", "b", "d");
        assertThat(report.succeeded()).isTrue();
        assertThat(report.date()).isEqualTo(DAY);
        assertThat(redis.keyspace()).containsExactlyInAnyOrder("success:ch_a:20261128=completed",
                "success:ch_b:20261128=completed", "success:ch_c:20261128=completed", "success:ch_d:20261128=completed");
    }

    @Test
    void aFailureSkipsItsDependentsTransitivelyButNotIndependentSteps() {
        ChainReport report = TaskChain.builder()
                .step("a", step("a"))
                .step("b", failing("b"), "a")
                .step("c", step("c"), "a")
                .step("d", step("d"), "b", "c")
                .step("e", step("e"), "d")
                .build().run(DAY);

        assertThat(events).containsExactly("a", "c");
        assertThat(report.results().get("b").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(report.results().get("b").errors()).containsExactly("java.lang.IllegalStateException: b broke");
        TaskResult d = report.results().get("d");
        assertThat(d.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(d.reason()).isEqualTo("dependency_not_met");
        assertThat(d.warnings()).containsExactly("b: exception");
        assertThat(report.results().get("e").warnings()).containsExactly("d: dependency_not_met");
        assertThat(report.succeeded()).isFalse();
        assertThat(redis.keyspace()).doesNotContain("success:ch_d:20261128=completed");
    }

    @Test
    void aDependencyCompletedEarlierByAnotherWorkerIsMet() {
        redis.set("success:ch_a:20261128", "completed", Duration.ofDays(1));

        ChainReport report = TaskChain.builder().step("a", step("a")).step("b", step("b"), "a").build().run(DAY);

        assertThat(events).containsExactly("b");
        assertThat(report.results().get("a").reason()).isEqualTo("already_completed");
        assertThat(report.results().get("b").status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void aDependencyWhoseLockIsHeldElsewhereIsNotMet() {
        redis.set("lock:ch_a:20261128", "deadbeef", Duration.ofMinutes(1));

        ChainReport report = TaskChain.builder().step("a", step("a")).step("b", step("b"), "a").build().run(DAY);

        assertThat(events).isEmpty();
        assertThat(report.results().get("b").reason()).isEqualTo("dependency_not_met");
        assertThat(report.results().get("b").warnings()).containsExactly("a: lock_held");
        assertThat(report.succeeded()).isFalse();
        assertThat(redis.get("lock:ch_a:20261128")).isEqualTo("deadbeef");
    }

    @Test
    void stepsThatThrowOtherwiseOrReturnNothingAreRecordedAsFailed() {
        ChainReport report = TaskChain.builder()
                .step("bad_date", date -> guard.run(TaskOptions.daily("ch_x"), "2026-11-28", r -> { }))
                .step("nothing", date -> null)
                .step("io", date -> {
                    throw new java.io.IOException("disk full");
                })
                .build().run(DAY);

        assertThat(report.results().get("bad_date").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(report.results().get("bad_date").errors().get(0)).contains("is not YYYYMMDD");
        assertThat(report.results().get("nothing").errors())
                .containsExactly("step 'nothing' returned null: return the TaskResult of its guarded call");
        assertThat(report.results().get("io").errors()).containsExactly("java.io.IOException: disk full");
        assertThat(report.results().get("io").status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aNullDateIsTodayOnTheChainsClockForEveryStep() {
        ChainReport report = TaskChain.builder().clock(clock).step("a", step("a")).step("b", step("b"), "a")
                .build().run(null);

        assertThat(report.date()).isEqualTo(DAY);
        assertThat(report.results().values()).extracting(TaskResult::date).containsOnly(DAY);
    }

    @Test
    void withoutAClockTodayComesFromTheGuardTheStepsUse() {
        try (TaskGuard tokyo = TaskGuard.builder().inMemory()
                .clock(Clock.fixed(Instant.parse("2026-11-28T23:30:00Z"), ZoneOffset.UTC))
                .zone(java.time.ZoneId.of("Asia/Tokyo")).build()) {
            TaskChain chain = TaskChain.builder().step("a", date -> tokyo.run(TaskOptions.daily("ch_a"), date, r -> { }))
                    .build();

            GuardedTasks.runWith(tokyo, () -> assertThat(chain.run(null).date()).isEqualTo("20261129"));
        }
    }

    @Test
    void withoutAClockTodayComesFromTheInstalledGuardUnlessOneIsLent() {
        try (TaskGuard tokyo = TaskGuard.builder().inMemory()
                .clock(Clock.fixed(Instant.parse("2026-11-28T23:30:00Z"), ZoneId.of("Asia/Tokyo"))).build();
             TaskGuard honolulu = TaskGuard.builder().inMemory()
                     .clock(Clock.fixed(Instant.parse("2026-11-28T08:30:00Z"), ZoneId.of("Pacific/Honolulu"))).build()) {
            TaskChain chain = TaskChain.builder().step("a", date -> tokyo.run(TaskOptions.daily("ch_a"), date, r -> { }))
                    .build();
            GuardedTasks.install(honolulu);
            try {
                assertThat(chain.run(null).date()).isEqualTo("20261127");
                GuardedTasks.runWith(tokyo, () -> assertThat(chain.run(null).date()).isEqualTo("20261129"));
            } finally {
                GuardedTasks.uninstall();
            }
        }
    }

    @Test
    void anInterruptedStepFailsAndTheInterruptIsKept() {
        ChainReport report = TaskChain.builder().step("a", date -> {
            throw new InterruptedException("stop");
        }).build().run(DAY);
        boolean interrupted = Thread.interrupted();

        assertThat(interrupted).isTrue();
        assertThat(report.results().get("a").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(report.results().get("a").errors()).containsExactly("java.lang.InterruptedException: stop");
    }

    @Test
    void inParallelAnErrorThrownByAStepIsThrownByRun() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AssertionError broken = new AssertionError("broken");
        try {
            TaskChain chain = TaskChain.builder().executor(pool).step("a", date -> {
                throw broken;
            }).build();

            assertThatThrownBy(() -> chain.run(DAY)).isSameAs(broken);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inParallelStepsUseTheGuardLentToTheCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<TaskGuard> seen = Collections.synchronizedList(new ArrayList<>());
        TaskStep recordGuard = date -> {
            seen.add(GuardedTasks.guardFor("ch_x"));
            return guard.run(TaskOptions.recurring("ch_x"), date, r -> { });
        };
        try {
            TaskChain chain = TaskChain.builder().executor(pool).step("a", recordGuard).step("b", recordGuard, "a").build();

            GuardedTasks.runWith(guard, () -> chain.run(DAY));

            assertThat(seen).hasSize(2).containsOnly(guard);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyStepTheExecutorRefusesIsRecordedAsFailed() {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();

        ChainReport report = TaskChain.builder().executor(closed).step("a", step("a")).step("b", step("b"), "a")
                .build().run(DAY);

        assertThat(events).isEmpty();
        assertThat(report.results().keySet()).containsExactly("a", "b");
        for (TaskResult refused : report.results().values()) {
            // b's dependency a ended (failed), so b was handed to the executor too, and refused in turn.
            assertThat(refused.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(refused.reason()).isEqualTo("exception");
            assertThat(refused.errors()).singleElement().asString()
                    .startsWith("the executor refused the step: java.util.concurrent.RejectedExecutionException");
            assertThat(refused.warnings()).isEmpty();
        }
        assertThat(report.succeeded()).isFalse();
    }

    @Test
    void theReportAsMapJsonAndOneLine() {
        redis.set("lock:ch_b:20261128", "deadbeef", Duration.ofMinutes(1));
        ChainReport report = TaskChain.builder().step("a", step("a")).step("b", step("b"), "a").build().run(DAY);

        assertThat(report.toMap()).containsEntry("date", DAY).containsEntry("succeeded", false);
        assertThat(report.toJson()).startsWith("{\"date\":\"20261128\",\"succeeded\":false,\"steps\":{\"a\":{\"task\":\"ch_a\"")
                .contains("\"b\":{\"task\":\"ch_b\",\"date\":\"20261128\"");
        assertThat(report).hasToString("Chain for 20261128 did not succeed: a=success b=skipped(lock_held)");
    }

    @Test
    void inParallelIndependentStepsOverlapAndDependenciesStillComeFirst() throws Exception {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        TaskStep meetOther = date -> guard.run(TaskOptions.daily("ch_" + Thread.currentThread().getId()), date, r -> {
            events.add("start");
            bothRunning.await(10, TimeUnit.SECONDS); // only returns if the other step runs at the same time
            events.add("end");
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            ChainReport report = TaskChain.builder().executor(pool)
                    .step("a", step("a"))
                    .step("b", meetOther, "a")
                    .step("c", meetOther, "a")
                    .step("d", step("d"), "b", "c")
                    .build().run(DAY);

            assertThat(report.succeeded()).as(report.toJson()).isTrue();
            assertThat(events).containsExactly("a", "start", "start", "end", "end", "d");
            assertThat(report.results().keySet()).startsWith("a").endsWith("d").hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void buildRejectsUnknownDependencies() {
        assertThatThrownBy(() -> TaskChain.builder().step("a", step("a"), "x", "y").step("b", step("b")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step 'a' depends on unknown steps [x, y]; declare them with step(...) first. "
                        + "Known steps: [a, b].");
    }

    @Test
    void buildRejectsDuplicateIds() {
        assertThatThrownBy(() -> TaskChain.builder().step("a", step("a")).step("a", step("b")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step id 'a' is declared twice; give each step its own id.");
    }

    @Test
    void buildRejectsCyclesShowingThePath() {
        assertThatThrownBy(() -> TaskChain.builder()
                .step("start", step("s"))
                .step("a", step("a"), "start", "c")
                .step("b", step("b"), "a")
                .step("c", step("c"), "b")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: steps depend on each other in a cycle (each depends on the next): "
                        + "a -> c -> b -> a. Remove one of these dependencies.");
        assertThatThrownBy(() -> TaskChain.builder().step("a", step("a"), "a").build())
                .hasMessageContaining("cycle (each depends on the next): a -> a.");
    }

    @Test
    void buildRejectsInvalidIdsAndMissingSteps() {
        assertThatThrownBy(() -> TaskChain.builder().step("step one", step("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step id 'step one' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.");
        assertThatThrownBy(() -> TaskChain.builder().step("a", null).build())
                .hasMessageStartingWith("TaskChain: step 'a' is null");
        assertThatThrownBy(() -> TaskChain.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TaskChain: no steps");
    }

    @Test
    void buildRejectsNullIdsAndNullDependencies() {
        assertThatThrownBy(() -> TaskChain.builder().step(null, step("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step id null is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.");
        assertThatThrownBy(() -> TaskChain.builder().step("a", step("a"), (String[]) null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step 'a' has a null dependency id; name the steps it depends on.");
        assertThatThrownBy(() -> TaskChain.builder().step("b", step("b")).step("a", step("a"), "b", null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step 'a' has a null dependency id; name the steps it depends on.");
    }

    @Test
    void runRejectsADateThatIsNotYyyymmddWithoutTouchingRedis() {
        TaskChain chain = TaskChain.builder().step("a", step("a")).build();
        Map<String, Long> before = redis.commandCalls();

        assertThatThrownBy(() -> chain.run("2026-11-28"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: date '2026-11-28' is not YYYYMMDD (example: 20260301); pass null for today.");
        assertThat(events).isEmpty();
        assertThat(redis.commandsSince(before)).isEmpty();
    }
}
