package dev.guardedtask;

import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Released;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The operator API on a real Redis: what it reads after known runs of real guards (a clock the test moves,
 * a worker name it sets), each write's effect on the keys and its history entry, the release rule, Python
 * workers' keys without history, the key prefix, and bad input refused before Redis.
 */
class TaskOperatorTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final String YESTERDAY = "20261127";
    static final Instant NOW = TestClocks.NOW;

    private final MutableClock clock = TestClocks.mutable();
    private final List<TaskGuard> guards = new ArrayList<>();
    private final TaskGuard guard = guard(TaskGuard.builder().lockTimeout(Duration.ofSeconds(60)));
    private final TaskOperator operator = guard.operator().as("alice@ops");

    private TaskGuard guard(TaskGuard.Builder builder) {
        TaskGuard built = builder.redisson(redis.client()).clock(clock).workerName("worker-1").build();
        guards.add(built);
        return built;
    }

    @AfterEach
    void closeGuards() {
        guards.forEach(TaskGuard::close);
    }

    @Test
    void tasksShowsEachTasksLastRunCountsRunningDatesAndCompletedDates() {
        TaskResult report = guard.run(TaskOptions.daily("report"), DAY, result -> {
            clock.advance(Duration.ofSeconds(5));
            result.add("rows", 12);
            result.add("sent", 3);
        });
        guard.run(TaskOptions.daily("report"), DAY, result -> { });
        clock.advance(Duration.ofMinutes(1));
        TaskError failed = catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily("import"), DAY,
                result -> {
                    result.warn("slow source");
                    throw new IllegalStateException("disk full");
                }));
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("success:legacy:" + YESTERDAY, "completed", Duration.ofDays(1));

        List<Task> tasks = operator.tasks();

        assertThat(tasks).extracting(Task::name).containsExactly("import", "legacy", "report");
        Run importRun = tasks.get(0).lastRun();
        assertThat(tasks.get(0)).isEqualTo(new Task("import", new Run(importRun.id(), Action.RUN, "import", null, DAY,
                failed.result().taskId(), TaskStatus.FAILED, "exception", List.of("java.lang.IllegalStateException: disk full"),
                List.of("slow source"), Map.of(), NOW.plusSeconds(65), NOW.plusSeconds(65), failed.result().fencingToken(),
                "worker-1", null, false, false), 0, 1, Map.of(), List.of(), List.of()));
        Lock legacyLock = tasks.get(1).running().get(0);
        assertThat(tasks.get(1)).isEqualTo(new Task("legacy", null, 0, 0, Map.of(),
                List.of(new Lock("legacy", null, DAY, "ab12cd34", null, null, null, legacyLock.timeLeft(), null, 0)),
                List.of(YESTERDAY)));
        assertThat(legacyLock.timeLeft()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
        Run reportRun = tasks.get(2).lastRun();
        assertThat(tasks.get(2)).isEqualTo(new Task("report", new Run(reportRun.id(), Action.RUN, "report", null, DAY,
                report.taskId(), TaskStatus.SUCCESS, null, List.of(), List.of(), Map.of("rows", 12L, "sent", 3L),
                NOW, NOW.plusSeconds(5), report.fencingToken(), "worker-1", null, false, false), 1, 0,
                Map.of("already_completed", 1L), List.of(), List.of(DAY)));
        assertThat(reportRun.counters().keySet()).containsExactly("rows", "sent");
        assertThat(reportRun.id()).matches("[0-9]+-[0-9]+");
        assertThat(reportRun.duration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void tasksCostsOneScanPassAndOneBatchOfSingleKeyReads() {
        guard.run(TaskOptions.daily("report"), DAY, result -> { });
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        Map<String, Long> before = redis.commandCalls();

        operator.tasks();

        // per task its history's head and its counts; per lock its value, its expiry and its run in progress
        assertThat(redis.commandsSince(before)).containsExactly(entry("get", 1L), entry("hgetall", 3L),
                entry("pttl", 1L), entry("scan", 1L), entry("xrevrange", 2L));
    }

    @Test
    void aRunInProgressShowsAsALockWithItsWorkerStartTimeLeftAndTimeout() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<TaskResult> run = CompletableFuture.supplyAsync(() -> guard.run(TaskOptions.recurring("sync"),
                DAY, result -> {
                    running.countDown();
                    assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
                }));
        try {
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            List<Lock> locks = operator.locks();
            Lock lock = locks.get(0);
            assertThat(locks).containsExactly(new Lock("sync", null, DAY, redis.get("lock:sync:" + DAY), "worker-1", NOW,
                    lock.sinceRenewal(), lock.timeLeft(), Duration.ofSeconds(60), lock.fencingToken()));
            assertThat(lock.sinceRenewal()).isBetween(Duration.ZERO, Duration.ofSeconds(10));
            assertThat(lock.timeLeft()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
            assertThat(lock.fencingToken()).isEqualTo(1);
            Lock one = operator.lock("sync", DAY);
            assertThat(one).isEqualTo(new Lock("sync", null, DAY, lock.taskId(), "worker-1", NOW, one.sinceRenewal(),
                    one.timeLeft(), Duration.ofSeconds(60), 1));
            assertThat(operator.tasks()).singleElement().extracting(task -> task.running().get(0).taskId())
                    .isEqualTo(lock.taskId());
        } finally {
            finish.countDown();
        }
        assertThat(run.get(10, TimeUnit.SECONDS).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(operator.locks()).isEmpty();
        assertThat(operator.lock("sync", DAY)).isNull();
    }

    @Test
    void runsAreNewestFirstFilteredByDateAndStatusUpToTheLimit() {
        List<String> ids = new ArrayList<>();
        for (String date : List.of("20261125", "20261126", "20261127")) {
            ids.add(guard.run(TaskOptions.daily("report"), date, result -> { }).taskId());
            clock.advance(Duration.ofMinutes(1));
        }
        TaskError failed = catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily("report"), DAY,
                result -> result.fail("upstream_down")));
        operator.complete("report", DAY);

        assertThat(operator.runs("report", null, null, 20)).extracting(Run::action, Run::date, Run::status)
                .containsExactly(tuple(Action.COMPLETE, DAY, null),
                        tuple(Action.RUN, DAY, TaskStatus.FAILED),
                        tuple(Action.RUN, "20261127", TaskStatus.SUCCESS),
                        tuple(Action.RUN, "20261126", TaskStatus.SUCCESS),
                        tuple(Action.RUN, "20261125", TaskStatus.SUCCESS));
        assertThat(operator.runs("report", null, TaskStatus.SUCCESS, 2)).extracting(Run::taskId)
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(operator.runs("report", null, TaskStatus.FAILED, 20)).extracting(Run::taskId, Run::reason)
                .containsExactly(tuple(failed.result().taskId(), "upstream_down"));
        assertThat(operator.runs("report", DAY, null, 20)).extracting(Run::action)
                .containsExactly(Action.COMPLETE, Action.RUN);
        assertThat(operator.runs("report", "20261126", TaskStatus.SUCCESS, 20)).extracting(Run::taskId)
                .containsExactly(ids.get(1));
        assertThat(operator.runs("other", null, null, 20)).isEmpty();
    }

    @Test
    void runsPagesThroughAHistoryLongerThanOneRead() {
        for (int i = 1; i <= 250; i++) {
            xadd("history:report", "kind", "run", "date", i == 7 ? DAY : YESTERDAY, "status", "success", "task_id",
                    String.format("%08x", i), "started", "0", "ended", Integer.toString(i));
        }

        assertThat(operator.runs("report", null, null, 230)).hasSize(230).first().extracting(Run::taskId)
                .isEqualTo(String.format("%08x", 250));
        assertThat(operator.runs("report", null, null, 1000)).hasSize(250).last().extracting(Run::taskId)
                .isEqualTo(String.format("%08x", 1));
        assertThat(operator.runs("report", DAY, null, 20)).extracting(Run::taskId, Run::ended)
                .containsExactly(tuple("00000007", Instant.ofEpochMilli(7)));
    }

    @Test
    void runsReadsNoFurtherPageOnceItHasTheLimit() {
        for (int i = 1; i <= 250; i++) {
            xadd("history:report", "kind", "run", "date", DAY, "status", "success", "task_id", String.format("%08x", i),
                    "started", "0", "ended", Integer.toString(i));
        }
        Map<String, Long> before = redis.commandCalls();

        assertThat(operator.runs("report", null, null, 100)).hasSize(100).last().extracting(Run::taskId)
                .isEqualTo(String.format("%08x", 151));
        assertThat(redis.commandsSince(before)).containsExactly(entry("xrevrange", 1L));
    }

    @Test
    void tasksFindsTheLastRunBehindMoreOperatorsWritesThanItsFirstRead() {
        TaskResult report = guard.run(TaskOptions.daily("report"), DAY, result -> { });
        for (int i = 0; i < 12; i++) {
            operator.complete("report", DAY);
        }

        assertThat(operator.runs("report", null, null, 20)).hasSize(13).first().extracting(Run::action)
                .isEqualTo(Action.COMPLETE);
        assertThat(operator.tasks()).singleElement().extracting(Task::lastRun)
                .extracting(Run::action, Run::taskId, Run::status)
                .containsExactly(Action.RUN, report.taskId(), TaskStatus.SUCCESS);
    }

    @Test
    void tasksShowsTheLastRunNotAnOperatorsNewerWrite() {
        TaskResult report = guard.run(TaskOptions.daily("report"), DAY, result -> { });
        operator.forget("report", DAY);

        assertThat(operator.tasks()).singleElement().satisfies(task -> {
            assertThat(task.lastRun()).extracting(Run::action, Run::taskId).containsExactly(Action.RUN, report.taskId());
            assertThat(task.completedDates()).isEmpty();
        });
    }

    @Test
    void entriesAreReadFieldByFieldErrorsByNumberCountersInFieldOrderAndUnknownKindsLeftOut() {
        xadd("history:report", "kind", "run", "date", DAY, "task_id", "0000000a", "status", "failed", "reason", "exception",
                "error.2", "second", "error.10", "tenth", "error.1", "first", "warning.1", "lock_lost", "count.zeta", "1",
                "count.alpha", "2", "started", "1000", "ended", "4500", "fencing_token", "7", "worker", "w", "lock", "lost");
        xadd("history:report", "kind", "unknown-to-this-version", "date", DAY);

        assertThat(operator.runs("report", null, null, 20)).singleElement().satisfies(run -> {
            assertThat(run.errors()).containsExactly("first", "second", "tenth");
            assertThat(run.warnings()).containsExactly("lock_lost");
            assertThat(run.counters()).containsExactly(entry("zeta", 1L), entry("alpha", 2L));
            assertThat(run.duration()).isEqualTo(Duration.ofMillis(3500));
            assertThat(run.fencingToken()).isEqualTo(7);
            assertThat(run.lockLost()).isTrue();
            assertThat(run.status()).isEqualTo(TaskStatus.FAILED);
        });
    }

    @Test
    void releaseRefusesALiveLockThenForceReleasesItAndRecordsWhoWhenAndTheHolder() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<TaskResult> run = CompletableFuture.supplyAsync(() -> guard.run(TaskOptions.recurring("sync"),
                DAY, result -> {
                    running.countDown();
                    assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
                }));
        String holder;
        try {
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            holder = redis.get("lock:sync:" + DAY);
            clock.advance(Duration.ofSeconds(30));

            assertThat(operator.release("sync", DAY, false)).isEqualTo(Released.LIVE);
            assertThat(redis.get("lock:sync:" + DAY)).isEqualTo(holder);
            assertThat(operator.runs("sync", null, null, 20)).isEmpty();

            assertThat(operator.release("sync", DAY, true)).isEqualTo(Released.RELEASED);
        } finally {
            finish.countDown();
        }
        assertThat(redis.keyspace()).isEmpty();
        assertThat(redis.pttl("run:sync:" + DAY)).isEqualTo(-2);
        TaskResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.warnings()).containsExactly("lock_lost");
        List<Run> history = operator.runs("sync", null, null, 20);
        assertThat(history).extracting(Run::action).containsExactly(Action.RUN, Action.RELEASE);
        Run release = history.get(1);
        assertThat(release).isEqualTo(new Run(release.id(), Action.RELEASE, "sync", null, DAY, holder, null, null, List.of(),
                List.of(), Map.of(), null, NOW.plusSeconds(30), 0, "worker-1", "alice@ops", false, true));
        assertThat(history.get(0).lockLost()).isTrue();
        assertThat(redis.pttl("history:sync")).isBetween(Duration.ofDays(30).minusMinutes(1).toMillis(),
                Duration.ofDays(30).toMillis());
    }

    @Test
    void releaseFreesALockWhoseHolderStoppedRenewingForHalfItsTimeout() {
        // closeTimeout 0: the close below leaves the run in flight without renewal, as a frozen worker
        TaskGuard shortLocks = guard(TaskGuard.builder().lockTimeout(Duration.ofSeconds(3))
                .closeTimeout(Duration.ZERO));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<TaskResult> run = CompletableFuture.supplyAsync(() -> shortLocks.run(
                TaskOptions.daily("report"), DAY, result -> {
                    running.countDown();
                    assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
                }));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> running.getCount() == 0);
            shortLocks.close(); // the holder stops renewing, as a worker that froze
            assertThat(operator.release("report", DAY, false)).isEqualTo(Released.LIVE);

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> operator.lock("report", DAY).sinceRenewal().compareTo(Duration.ofMillis(1_500)) >= 0);
            assertThat(operator.release("report", DAY, false)).isEqualTo(Released.RELEASED);
        } finally {
            finish.countDown();
        }
        run.handle((result, error) -> null).join();
        assertThat(operator.runs("report", null, null, 20)).filteredOn(entry -> entry.action() == Action.RELEASE)
                .singleElement().satisfies(release -> {
                    assertThat(release.forced()).isFalse();
                    assertThat(release.worker()).isEqualTo("worker-1");
                    assertThat(release.by()).isEqualTo("alice@ops");
                });
    }

    @Test
    void releaseOfAPythonWorkersLockIsLiveUnlessForcedAndRecordsNoWorker() {
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));

        assertThat(operator.release("legacy", DAY, false)).isEqualTo(Released.LIVE);
        assertThat(redis.keyspace()).containsExactly("lock:legacy:" + DAY + "=ab12cd34");

        assertThat(operator.release("legacy", DAY, true)).isEqualTo(Released.RELEASED);
        assertThat(redis.keyspace()).isEmpty();
        assertThat(operator.runs("legacy", null, null, 20)).singleElement()
                .extracting(Run::action, Run::taskId, Run::worker, Run::forced)
                .containsExactly(Action.RELEASE, "ab12cd34", null, true);
    }

    @Test
    void releaseOfNoLockIsNotHeldAndWritesNothing() {
        Map<String, Long> before = redis.commandCalls();

        assertThat(operator.release("report", DAY, true)).isEqualTo(Released.NOT_HELD);

        // one script, which read the lock and stopped
        assertThat(redis.commandsSince(before)).containsExactly(entry("evalsha", 1L), entry("get", 1L));
        assertThat(redis.client().getKeys().count()).isZero();
    }

    @Test
    void releaseLeavesATaskLevelLockOfAnotherRun() {
        redis.set("lock:sync:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync", "99999999", Duration.ofSeconds(60));

        assertThat(operator.release("sync", DAY, true)).isEqualTo(Released.RELEASED);

        assertThat(redis.keyspace()).containsExactly("lock:sync=99999999");
    }

    @Test
    void forgetDeletesTheCompletionSoTheNextCallRunsAndRecordsIt() {
        guard.run(TaskOptions.daily("report"), DAY, result -> { });
        clock.advance(Duration.ofMinutes(2));

        assertThat(operator.forget("report", DAY)).isTrue();

        assertThat(redis.keyspace()).isEmpty();
        assertThat(operator.runs("report", null, null, 1)).singleElement().satisfies(forget ->
                assertThat(forget).isEqualTo(new Run(forget.id(), Action.FORGET, "report", null, DAY, null, null, null,
                        List.of(), List.of(), Map.of(), null, NOW.plusSeconds(120), 0, null, "alice@ops", false, false)));
        assertThat(guard.run(TaskOptions.daily("report"), DAY, result -> { }).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void anOperatorsWritesNeitherTrimNorShortenAHistoryTheTasksGuardsKeepLonger() {
        TaskGuard keepsMore = guard(TaskGuard.builder().history(50, Duration.ofDays(7)));
        for (int day = 1; day <= 9; day++) {
            keepsMore.run(TaskOptions.daily("report"), "2026110" + day, result -> { });
        }
        TaskOperator keepsLess = guard(TaskGuard.builder().history(3, Duration.ofDays(30))).operator().as("bob");

        keepsLess.complete("report", "20261110");
        keepsLess.forget("report", "20261101");

        assertThat(operator.runs("report", null, null, 100)).hasSize(11);
        assertThat(redis.pttl("history:report")).isBetween(Duration.ofDays(7).minusMinutes(1).toMillis(),
                Duration.ofDays(7).toMillis());
        keepsLess.complete("fresh", DAY);
        assertThat(redis.pttl("history:fresh")).as("a history the write creates gets the operator's time to live")
                .isBetween(Duration.ofDays(30).minusMinutes(1).toMillis(), Duration.ofDays(30).toMillis());
    }

    @Test
    void completeForATimeToLiveOfItsOwn() {
        operator.complete("report", "20261205", Duration.ofDays(10));

        assertThat(redis.pttl("success:report:20261205")).isBetween(Duration.ofDays(10).minusMinutes(1).toMillis(),
                Duration.ofDays(10).toMillis());
        assertThatThrownBy(() -> operator.complete("report", DAY, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': successTtl PT0S must be at least 1 ms, e.g. P1D (1 day).");
        assertThatThrownBy(() -> operator.complete("report", DAY, (Duration) null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(redis.get("success:report:" + DAY)).isNull();
    }

    @Test
    void anotherApplicationsKeysOfOtherTypesUnderTheSameNamesDoNotBreakTheListsButReadAsEmpty() {
        guard.run(TaskOptions.daily("report"), DAY, result -> { });
        redis.client().getList("history:user42", StringCodec.INSTANCE).addAll(List.of("a", "b"));
        redis.set("stats:pageviews", "12", Duration.ofHours(1));
        redis.client().getMap("lock:cron:" + DAY, StringCodec.INSTANCE).put("owner", "cron");

        List<Task> tasks = operator.tasks();

        assertThat(tasks).extracting(Task::name).containsExactly("cron", "pageviews", "report", "user42");
        assertThat(tasks).filteredOn(task -> !task.name().equals("report"))
                .allSatisfy(task -> assertThat(task).isEqualTo(new Task(task.name(), null, 0, 0, Map.of(), List.of(),
                        List.of())));
        assertThat(tasks.get(2).lastRun().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(operator.locks()).isEmpty();
        assertThat(operator.lock("cron", DAY)).isNull();
    }

    @Test
    void forgetOfNoCompletionIsFalseAndRecordsNothing() {
        assertThat(operator.forget("report", DAY)).isFalse();

        assertThat(redis.client().getKeys().count()).isZero();
    }

    @Test
    void completeSetsTheSuccessKeyForTheGuardsSuccessTtlSoCallsSkipAndRecordsIt() {
        TaskOperator withTtl = guard(TaskGuard.builder().successTtl(Duration.ofHours(2))).operator().as("bob");

        withTtl.complete("report", DAY);

        assertThat(redis.keyspace()).containsExactly("success:report:" + DAY + "=completed");
        assertThat(redis.pttl("success:report:" + DAY)).isBetween(Duration.ofHours(2).minusMinutes(1).toMillis(),
                Duration.ofHours(2).toMillis());
        assertThat(operator.runs("report", null, null, 20)).singleElement()
                .extracting(Run::action, Run::by, Run::ended, Run::date)
                .containsExactly(Action.COMPLETE, "bob", NOW, DAY);
        TaskResult skipped = guard.run(TaskOptions.daily("report"), DAY, result -> { });
        assertThat(skipped.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
    }

    @Test
    void aGuardWithHistoryOffWritesNoHistoryForOperatorsWrites() {
        TaskOperator noHistory = guard(TaskGuard.builder().history(0, Duration.ofDays(1))).operator();

        noHistory.complete("report", DAY);

        assertThat(redis.client().getKeys().getKeysStream().toList()).containsExactly("success:report:" + DAY);
    }

    @Test
    void aKeyPrefixSeparatesTheTasksOfEachGuard() {
        TaskGuard billing = guard(TaskGuard.builder().keyPrefix("billing:"));
        billing.run(TaskOptions.daily("invoice"), DAY, result -> { });
        guard.run(TaskOptions.daily("report"), DAY, result -> { });

        assertThat(billing.operator().tasks()).extracting(Task::name).containsExactly("invoice");
        assertThat(operator.tasks()).extracting(Task::name).containsExactly("report");
        assertThat(billing.operator().forget("invoice", DAY)).isTrue();
        assertThat(redis.keyspace()).containsExactly("success:report:" + DAY + "=completed");
    }

    @Test
    void keysOfOtherApplicationsAndMalformedNamesAreLeftOut() {
        redis.set("lock:report:2026-11-28", "x", Duration.ofMinutes(1));
        redis.set("lock:bad name:" + DAY, "x", Duration.ofMinutes(1));
        redis.set("success:report", "completed", Duration.ofMinutes(1));
        redis.set("session:abc", "x", Duration.ofMinutes(1));

        assertThat(operator.tasks()).isEmpty();
        assertThat(operator.locks()).isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeRedisNamingTheValueAndTheFix() {
        Map<String, Long> before = redis.commandCalls();

        assertThatThrownBy(() -> operator.release("bad name", DAY, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task name 'bad name' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.");
        assertThatThrownBy(() -> operator.forget("report", "2026-11-28")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': date '2026-11-28' is not YYYYMMDD (example: 20260301); name the day of the "
                        + "lock or completion.");
        assertThatThrownBy(() -> operator.complete("report", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': date null is not YYYYMMDD (example: 20260301); name the day of the lock or "
                        + "completion.");
        assertThatThrownBy(() -> operator.complete("report", "20261131")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': date '20261131' is not a real calendar date (YYYYMMDD, example: 20260301).");
        assertThatThrownBy(() -> operator.runs("bad name", null, null, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task name 'bad name' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.");
        assertThatThrownBy(() -> operator.runs("report", "1128", null, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': date '1128' is not YYYYMMDD (example: 20260301); pass null for every date.");
        assertThatThrownBy(() -> operator.runs("report", null, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': limit 0 must be 1 or more, e.g. 20.");
        assertThatThrownBy(() -> operator.runs("report", null, TaskStatus.SKIPPED, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'report': status SKIPPED is never recorded in the history; filter by SUCCESS or "
                        + "FAILED, or pass null for every entry.");
        assertThatThrownBy(() -> operator.lock(null, DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task name null is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.");
        assertThatThrownBy(() -> operator.as(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskOperator.as(\" \"): use 1 to 200 characters, not blank, without control characters, "
                        + "e.g. 'reports-1'.");
        assertThatThrownBy(() -> operator.as("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> operator.as("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);

        assertThat(redis.commandsSince(before)).isEmpty();
    }

    @Test
    void writesAreRecordedAsByTheUserAndHostByDefault() {
        guard.operator().complete("report", DAY);

        assertThat(guard.operator().who()).startsWith(System.getProperty("user.name") + "@").hasSizeGreaterThan(
                System.getProperty("user.name").length() + 1);
        assertThat(operator.runs("report", null, null, 1)).singleElement().extracting(Run::by)
                .isEqualTo(guard.operator().who());
        assertThat(operator.as("carol").who()).isEqualTo("carol");
    }

    @Test
    void anInMemoryGuardHasNoOperatorAndSaysHowToGetOne() {
        try (TaskGuard inMemory = TaskGuard.builder().inMemory().clock(clock).build()) {
            assertThatThrownBy(inMemory::operator).isInstanceOf(IllegalStateException.class)
                    .hasMessage("TaskGuard.operator(): the operator API reads Redis, and this guard keeps its keys in "
                            + "memory (inMemory()); build the guard with .redis(uri), .redisson(client) or "
                            + ".redissonConfig(file).");
        }
    }

    @Test
    void redisDownIsAnIllegalStateNamingWhatFailedAndTheFix() {
        redis.stop();
        String refused = "nothing listens at that host and port (Connection refused: 127.0.0.1/127.0.0.1:"
                + java.net.URI.create(redis.uri()).getPort() + "). Start the server, or check the host and port in the "
                + "guard's Redis settings.";

        assertThatThrownBy(operator::tasks).isInstanceOf(IllegalStateException.class)
                .hasMessage("TaskOperator could not list the tasks: " + refused);
        assertThatThrownBy(() -> operator.release("report", DAY, false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("TaskOperator could not release lock:report:" + DAY + ": " + refused);
    }

    /** {@code XADD key * fields...}, the fields in this order. */
    private static void xadd(String key, String... fields) {
        redis.client().getScript(StringCodec.INSTANCE).eval(key, RScript.Mode.READ_WRITE,
                "return redis.call('XADD', KEYS[1], '*', unpack(ARGV))", RScript.ReturnType.VALUE,
                List.of(key), (Object[]) fields);
    }
}
