package dev.guardedtask.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardedtask.TaskChain;
import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code guardedtask} on a real Redis, run in this JVM with its output captured: the exact tables and JSON after
 * known runs of a guard (a clock the test moves, shared with the command), each write with {@code --yes} or a
 * terminal's answer and its history entry, the refusals and their exit codes, one-line errors.
 */
class CliTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = TestClocks.mutable();
    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
            .build();
    private final Cli cli = new Cli(clock, "--redis", redis.uri());

    @AfterEach
    void close() {
        guard.close();
    }

    /** report: a success with counters, then a skip; import: a failure; legacy: a Python worker's keys. */
    private TaskResult knownRuns() {
        TaskResult report = guard.run(TaskOptions.daily("report"), DAY, result -> {
            clock.advance(Duration.ofSeconds(5));
            result.add("rows", 12);
            result.add("sent", 3);
        });
        guard.run(TaskOptions.daily("report"), DAY, result -> { });
        clock.advance(Duration.ofMinutes(1));
        catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily("import"), DAY, result -> {
            result.warn("slow source");
            result.error("row 7: bad date");
            result.fail("bad_input");
        }));
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("success:legacy:20261127", "completed", Duration.ofDays(1));
        redis.set("success:legacy:20261126", "completed", Duration.ofDays(1));
        clock.advance(Duration.ofMinutes(2));
        return report;
    }

    @Test
    void tasksPrintsOneRowPerTaskWithItsLastRunCountsRunningAndCompletedDates() {
        knownRuns();

        Cli.Result result = cli.run("tasks");

        assertThat(result.code()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.lines()).containsExactly(
                "TASK    LAST RUN            OK  FAILED  SKIPPED  RUNNING   COMPLETED",
                "import  failed 2m 00s ago   0   1       0        -         -",
                "legacy  -                   0   0       0        20261128  20261127 +1",
                "report  success 3m 00s ago  1   0       1        -         20261128");
    }

    @Test
    void withNoKeyUnderThePrefixTasksAndLocksSayWhatTheyLookedForInsteadOfAnEmptyTable() {
        redis.set("guardedtask-example:success:report:" + DAY, "completed", Duration.ofDays(1));

        assertThat(cli.run("tasks")).isEqualTo(new Cli.Result(0, "No task found under key prefix '' in this database "
                + "(keys lock:*, success:*, history:*, stats:*). Guards with a key prefix need --key-prefix, e.g. the "
                + "example's: --key-prefix guardedtask-example:\n", ""));
        assertThat(cli.run("tasks", "--key-prefix", "billing:")).isEqualTo(new Cli.Result(0, "No task found under "
                + "key prefix 'billing:' in this database (keys billing:lock:*, billing:success:*, billing:history:*, "
                + "billing:stats:*). Guards with a key prefix need --key-prefix, e.g. the example's: --key-prefix "
                + "guardedtask-example:\n", ""));
        assertThat(cli.run("tasks", "--json")).isEqualTo(new Cli.Result(0, "[ ]\n", ""));
        assertThat(cli.run("locks")).isEqualTo(new Cli.Result(0, "No lock is held now.\n", ""));
        assertThat(cli.run("locks", "--json")).isEqualTo(new Cli.Result(0, "[ ]\n", ""));
        assertThat(cli.run("tasks", "--key-prefix", "guardedtask-example:").lines()).containsExactly(
                "TASK    LAST RUN  OK  FAILED  SKIPPED  RUNNING  COMPLETED",
                "report  -         0   0       0        -        20261128");
    }

    @Test
    void aChainStepSkippedWithDependencyNotMetIsNoSkipTasksCounts() {
        TaskChain chain = TaskChain.builder().clock(clock)
                .step("analysis", date -> guard.run(TaskOptions.daily("analysis"), date, result -> result.fail("down")))
                .step("indexing", date -> guard.run(TaskOptions.daily("indexing"), date, result -> { }), "analysis")
                .build();

        assertThat(chain.run(DAY).toString()).contains("dependency_not_met");
        assertThat(cli.run("tasks").lines()).containsExactly(
                "TASK      LAST RUN        OK  FAILED  SKIPPED  RUNNING  COMPLETED",
                "analysis  failed 0ms ago  0   1       0        -        -");
    }

    @Test
    void tasksAsJsonHasEveryFieldOfEachTask() throws Exception {
        TaskResult report = knownRuns();

        JsonNode tasks = JSON.readTree(cli.run("tasks", "--json").out());

        assertThat(tasks).hasSize(3);
        JsonNode last = tasks.get(2).get("last_run");
        assertThat(tasks.get(2).get("name").asText()).isEqualTo("report");
        assertThat(last.get("task_id").asText()).isEqualTo(report.taskId());
        assertThat(last.get("status").asText()).isEqualTo("success");
        assertThat(last.get("started").asText()).isEqualTo("2026-11-28T10:15:30Z");
        assertThat(last.get("ended").asText()).isEqualTo("2026-11-28T10:15:35Z");
        assertThat(last.get("duration_ms").asLong()).isEqualTo(5_000);
        assertThat(last.get("counters").toString()).isEqualTo("{\"rows\":12,\"sent\":3}");
        assertThat(last.get("worker").asText()).isEqualTo("worker-1");
        assertThat(tasks.get(2).get("skips").toString()).isEqualTo("{\"already_completed\":1}");
        assertThat(tasks.get(1).get("last_run").isNull()).isTrue();
        assertThat(tasks.get(1).get("running").get(0).get("task_id").asText()).isEqualTo("ab12cd34");
        assertThat(tasks.get(1).get("running").get(0).get("worker").isNull()).isTrue();
        assertThat(tasks.get(1).get("completed_dates").toString()).isEqualTo("[\"20261127\",\"20261126\"]");
    }

    @Test
    void runsPrintsTheHistoryNewestFirstFilteredAndLimited() {
        knownRuns();
        guard.operator().as("alice").complete("import", DAY);

        assertThat(cli.run("runs", "import").lines()).containsExactly(
                "ENDED (UTC)           DATE      WHAT       TOOK  WORKER / BY  DETAIL",
                "2026-11-28T10:18:35Z  20261128  completed  -     alice        -",
                "2026-11-28T10:16:35Z  20261128  failed     0ms   worker-1     bad_input, error: row 7: bad date, wa…");
        assertThat(cli.run("runs", "report", "--status", "success", "--limit", "1").lines()).containsExactly(
                "ENDED (UTC)           DATE      WHAT     TOOK  WORKER / BY  DETAIL",
                "2026-11-28T10:15:35Z  20261128  success  5s    worker-1     rows=12, sent=3");
        Cli.Result none = cli.run("runs", "report", "--date", "20261127");
        assertThat(none.lines()).containsExactly("ENDED (UTC)  DATE  WHAT  TOOK  WORKER / BY  DETAIL");
        assertThat(none.err()).isEqualTo("guardedtask runs: note: no entry for task 'report' with these filters under "
                + "key prefix '': check the task name and --key-prefix (workers that record no history, Python workers "
                + "and guards with history off, leave none).\n");
        Cli.Result misspelt = cli.run("runs", "reprot");
        assertThat(misspelt.code()).isZero();
        assertThat(misspelt.err()).startsWith("guardedtask runs: note: no entry for task 'reprot' under key prefix ''");
    }

    @Test
    void runsAsJsonHoldsTheEntriesFields() throws Exception {
        knownRuns();

        JsonNode runs = JSON.readTree(cli.run("runs", "import", "--json").out());

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("action").asText()).isEqualTo("run");
        assertThat(runs.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(runs.get(0).get("reason").asText()).isEqualTo("bad_input");
        assertThat(runs.get(0).get("errors").toString()).isEqualTo("[\"row 7: bad date\"]");
        assertThat(runs.get(0).get("warnings").toString()).isEqualTo("[\"slow source\"]");
    }

    @Test
    void locksPrintsHolderAgeTimeLeftAndTimeoutAndAPythonLockWithoutThem() {
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync:" + DAY, "0badcafe", Duration.ofSeconds(60));
        RMap<String, String> run = redis.client().getMap("run:sync:" + DAY, StringCodec.INSTANCE);
        run.putAll(Map.of("task_id", "0badcafe", "worker", "worker-2", "lock_ms", "90000", "fencing_token", "4",
                "started", Long.toString(TestClocks.NOW.minusSeconds(125).toEpochMilli())));

        Cli.Result result = cli.run("locks");

        // renewed lock_ms - PTTL = 90 s - 60 s ago, plus the seconds the command took to connect (bound: 5 s)
        assertThat(result.lines()).hasSize(3);
        assertThat(result.lines().get(0)).isEqualTo("TASK    DATE      RUN ID    WORKER    RUNNING  RENEWED  LEFT  TIMEOUT");
        assertThat(result.lines().get(1)).matches("legacy  20261128  ab12cd34  -         -        -        5[5-9]s   -");
        assertThat(result.lines().get(2))
                .matches("sync    20261128  0badcafe  worker-2  2m 05s   3[0-4]s ago  5[5-9]s   1m 30s");
    }

    @Test
    void keySchemeClusterWritesTheTaggedKeysOfGuardsBuiltWithItOnAClientThatIsNoClusterClient() {
        redis.set("lock:{sync}#t1:" + DAY, "ab12cd34", Duration.ofSeconds(60));

        Cli.Result plain = cli.run("release", "sync", DAY, "--key", "t1", "--force", "--yes");
        Cli.Result cluster = cli.run("release", "sync", DAY, "--key", "t1", "--force", "--yes", "--key-scheme", "cluster");
        Cli.Result completed = cli.run("complete", "sync", DAY, "--key", "t2", "--yes", "--key-scheme", "CLUSTER");
        Cli.Result unknown = cli.run("locks", "--key-scheme", "tagged");

        assertThat(plain.code()).as("the plain scheme's lock:sync#t1 is not there").isEqualTo(1);
        assertThat(cluster).isEqualTo(new Cli.Result(0, "Released the lock of task 'sync' key 't1' for " + DAY
                + " (run ab12cd34).\n", ""));
        assertThat(completed.code()).isZero();
        assertThat(redis.keyspace()).containsExactly("success:{sync}#t2:" + DAY + "=completed");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--key-scheme").contains("tagged");
    }

    @Test
    void releaseWithoutAKeyOfATaskThatHoldsOnlyKeyedLocksNamesThem() {
        redis.set("lock:sync#t1:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync#t2:" + DAY, "cd34ef56", Duration.ofSeconds(60));

        assertThat(cli.run("release", "sync", DAY, "--yes")).isEqualTo(new Cli.Result(1, "", "guardedtask release: No "
                + "lock is held for task 'sync' for " + DAY + ": nothing to release. Its keyed locks for that date: t1, "
                + "t2; name one with --key.\n"));
    }

    @Test
    void releaseOfALiveLockIsRefusedWithExitCode1AndForceReleasesItAndRecordsWhoDidIt() throws Exception {
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));

        Cli.Result refused = cli.run("release", "legacy", DAY, "--yes");
        Cli.Result forced = cli.run("release", "legacy", DAY, "--yes", "--force", "--as", "alice@ops");
        Cli.Result again = cli.run("release", "legacy", DAY, "--yes");

        assertThat(refused).isEqualTo(new Cli.Result(1, "", "guardedtask release: Not released: its holder (run "
                + "ab12cd34) records no history (a Python worker, or a guard with history off), so whether it still "
                + "runs is unknown. Add --force to release it anyway.\n"));
        assertThat(forced).isEqualTo(new Cli.Result(0, "Released the lock of task 'legacy' for 20261128 (run "
                + "ab12cd34).\n", ""));
        assertThat(again).isEqualTo(new Cli.Result(1, "", "guardedtask release: No lock is held for task 'legacy' "
                + "for 20261128: nothing to release.\n"));
        assertThat(redis.get("lock:legacy:" + DAY)).isNull();
        assertThat(history("legacy")).extracting(Run::action, Run::taskId, Run::by, Run::ended, Run::forced)
                .containsExactly(tuple(Action.RELEASE, "ab12cd34", "alice@ops", TestClocks.NOW, true));
    }

    @Test
    void releaseOfALockItsHolderRenewedRecentlySaysWhenAndWhy() {
        redis.set("lock:sync:" + DAY, "0badcafe", Duration.ofSeconds(60));
        redis.client().<String, String>getMap("run:sync:" + DAY, StringCodec.INSTANCE)
                .putAll(Map.of("task_id", "0badcafe", "worker", "worker-2", "lock_ms", "90000"));

        Cli.Result refused = cli.run("release", "sync", DAY, "--yes");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).matches("guardedtask release: Not released: its holder \\(run 0badcafe\\) renewed it "
                + "3[0-4]s ago, within the last half of its 1m 30s lock timeout: it looks alive\\. Add --force to "
                + "release it anyway\\.\n");
        assertThat(redis.get("lock:sync:" + DAY)).isEqualTo("0badcafe");
    }

    @Test
    void releaseOfALockThatLooksLiveIsRefusedWithoutAskingAndWithForceIsAsked() {
        redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync:" + DAY, "0badcafe", Duration.ofSeconds(60));
        redis.client().<String, String>getMap("run:sync:" + DAY, StringCodec.INSTANCE)
                .putAll(Map.of("task_id", "0badcafe", "worker", "worker-2", "lock_ms", "90000"));
        Cli.Terminal yes = new Cli.Terminal("y");
        Cli.Terminal no = new Cli.Terminal("n");

        Cli.Result python = cli.run(yes, "release", "legacy", DAY);
        Cli.Result renewed = cli.run(yes, "release", "sync", DAY);
        Cli.Result forced = cli.run(no, "release", "sync", DAY, "--force");

        assertThat(python).isEqualTo(new Cli.Result(1, "", "guardedtask release: Not released: its holder (run "
                + "ab12cd34) records no history (a Python worker, or a guard with history off), so whether it still "
                + "runs is unknown. Add --force to release it anyway.\n"));
        assertThat(renewed.err()).matches("guardedtask release: Not released: its holder \\(run 0badcafe\\) renewed it "
                + "3[0-4]s ago, within the last half of its 1m 30s lock timeout: it looks alive\\. Add --force to "
                + "release it anyway\\.\n");
        assertThat(renewed.code()).isEqualTo(1);
        assertThat(yes.questions).isEmpty();
        assertThat(no.questions).singleElement().asString().startsWith("Release the lock of task 'sync' for 20261128");
        assertThat(forced).isEqualTo(new Cli.Result(1, "", "guardedtask release: Nothing done: not confirmed.\n"));
        assertThat(redis.get("lock:legacy:" + DAY)).isEqualTo("ab12cd34");
        assertThat(redis.get("lock:sync:" + DAY)).isEqualTo("0badcafe");
        assertThat(history("legacy")).isEmpty();
        assertThat(history("sync")).isEmpty();
    }

    @Test
    void writesAskOnTheTerminalAndDoNothingUnlessTheAnswerIsYes() {
        redis.set("lock:sync:" + DAY, "0badcafe", Duration.ofSeconds(60));
        redis.client().<String, String>getMap("run:sync:" + DAY, StringCodec.INSTANCE)
                .putAll(Map.of("task_id", "0badcafe", "worker", "worker-2", "lock_ms", "200000",
                        "started", Long.toString(TestClocks.NOW.minusSeconds(300).toEpochMilli())));
        Cli.Terminal no = new Cli.Terminal("n");
        Cli.Terminal yes = new Cli.Terminal("y");

        Cli.Result declined = cli.run(no, "release", "sync", DAY);
        Cli.Result confirmed = cli.run(yes, "release", "sync", DAY);

        assertThat(no.questions).singleElement().asString().matches("Release the lock of task 'sync' for 20261128 held "
                + "by run 0badcafe \\(worker worker-2, running for 5m 00s, renewed 2m 2[0-4]s ago\\)\\? \\[y/N\\] ");
        assertThat(declined).isEqualTo(new Cli.Result(1, "", "guardedtask release: Nothing done: not confirmed.\n"));
        assertThat(confirmed.code()).isZero();
        assertThat(redis.get("lock:sync:" + DAY)).isNull();
        assertThat(history("sync")).singleElement().extracting(Run::worker, Run::forced)
                .containsExactly("worker-2", false);
    }

    @Test
    void withoutATerminalAndWithoutYesAWriteIsAUsageErrorAndTouchesNothing() {
        redis.set("success:report:" + DAY, "completed", Duration.ofDays(1));

        Cli.Result result = cli.run("forget", "report", DAY);

        assertThat(result).isEqualTo(new Cli.Result(2, "", "guardedtask forget: No terminal to confirm on; add --yes "
                + "to forget without asking. (see guardedtask forget --help)\n"));
        assertThat(redis.get("success:report:" + DAY)).isEqualTo("completed");
    }

    @Test
    void forgetDeletesTheCompletionThenHasNothingToForget() {
        guard.run(TaskOptions.daily("report"), DAY, result -> { });

        Cli.Result forgot = cli.run("forget", "report", DAY, "--yes", "--as", "bob");
        Cli.Result nothing = cli.run("forget", "report", DAY, "--yes");

        assertThat(forgot).isEqualTo(new Cli.Result(0, "Forgot the completion of task 'report' for 20261128: its next "
                + "call runs it.\n", ""));
        assertThat(nothing).isEqualTo(new Cli.Result(1, "", "guardedtask forget: No completion of task 'report' for "
                + "20261128: nothing to forget.\n"));
        assertThat(redis.get("success:report:" + DAY)).isNull();
        assertThat(history("report")).extracting(Run::action, Run::by).containsExactly(tuple(Action.FORGET, "bob"),
                tuple(Action.RUN, null));
    }

    @Test
    void completeSetsTheSuccessKeyAndPrintsJsonOnRequest() throws Exception {
        guard.run(TaskOptions.daily("report"), "20261127", result -> { });

        Cli.Result result = cli.run("complete", "report", DAY, "--yes", "--as", "carol", "--json");

        assertThat(result.code()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(JSON.readTree(result.out()).toString()).isEqualTo("{\"outcome\":\"completed\",\"message\":\"Marked "
                + "task 'report' for 20261128 completed for 1d 00h: a daily task's calls skip with already_completed (a "
                + "recurring task reads no success key).\"}");
        assertThat(redis.get("success:report:" + DAY)).isEqualTo("completed");
        assertThat(redis.pttl("success:report:" + DAY)).isBetween(86_390_000L, 86_400_000L);
        assertThat(history("report")).extracting(Run::action, Run::by)
                .containsExactly(tuple(Action.COMPLETE, "carol"), tuple(Action.RUN, null));
    }

    @Test
    void completeTakesTheSuccessKeysTimeToLiveAndNotesATaskNothingIsKnownOf() {
        Cli.Terminal yes = new Cli.Terminal("y");

        Cli.Result twoDays = cli.run(yes, "complete", "reprot", DAY, "--success-ttl", "P2D");
        Cli.Result hours = cli.run("complete", "reprot", "20261129", "--yes", "--success-ttl", "PT36H");

        assertThat(yes.questions).containsExactly("Mark task 'reprot' for 20261128 completed for 2d 00h, so that its "
                + "calls skip? [y/N] ");
        assertThat(twoDays).isEqualTo(new Cli.Result(0, "Marked task 'reprot' for 20261128 completed for 2d 00h: a "
                + "daily task's calls skip with already_completed (a recurring task reads no success key).\n", "guardedtask complete: note: task 'reprot' has no recorded "
                + "run and no lock here (key prefix ''): check its name and --key-prefix. It is completed all the "
                + "same.\n"));
        assertThat(hours).isEqualTo(new Cli.Result(0, "Marked task 'reprot' for 20261129 completed for 1d 12h: a "
                + "daily task's calls skip with already_completed (a recurring task reads no success key).\n", ""));
        assertThat(redis.pttl("success:reprot:" + DAY)).isBetween(172_790_000L, 172_800_000L);
        assertThat(redis.pttl("success:reprot:20261129")).isBetween(129_590_000L, 129_600_000L);
    }

    @Test
    void aWrongSuccessTtlIsAUsageErrorBeforeRedisIsReached() {
        Cli down = new Cli(clock, "--redis", "redis://127.0.0.1:1");
        String use = ": use e.g. P2D (2 days) or PT36H (36 hours), from PT0.001S to P3650D (see guardedtask complete "
                + "--help)\n";

        assertThat(down.run("complete", "report", DAY, "--yes", "--success-ttl", "2d")).isEqualTo(new Cli.Result(2,
                "", "guardedtask complete: --success-ttl '2d' is not an ISO-8601 duration" + use));
        assertThat(down.run("complete", "report", DAY, "--yes", "--success-ttl", "PT0S")).isEqualTo(new Cli.Result(2,
                "", "guardedtask complete: --success-ttl 'PT0S' is under 1 ms" + use));
        assertThat(down.run("complete", "report", DAY, "--yes", "--success-ttl", "P3650DT0.001S"))
                .isEqualTo(new Cli.Result(2, "", "guardedtask complete: --success-ttl 'P3650DT0.001S' is over 3650 days"
                        + use));
    }

    @Test
    void badInputIsAUsageErrorOnOneLine() {
        assertThat(cli.run("release", "bad name", DAY, "--yes")).isEqualTo(new Cli.Result(2, "", "guardedtask release: "
                + "Task name 'bad name' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], e.g. "
                + "'task_daily_report'.\n"));
        assertThat(cli.run("runs", "report", "--date", "2026-11-28")).isEqualTo(new Cli.Result(2, "", "guardedtask "
                + "runs: Task 'report': date '2026-11-28' is not YYYYMMDD (example: 20260301); pass null for every "
                + "date.\n"));
        assertThat(cli.run("runs", "report", "--status", "skipped")).isEqualTo(new Cli.Result(2, "", "guardedtask runs: "
                + "Invalid value for option '--status': 'skipped' is no status a history records; use success or failed "
                + "(see guardedtask runs --help)\n"));
        assertThat(cli.run("runs")).isEqualTo(new Cli.Result(2, "", "guardedtask runs: Missing required parameter: "
                + "'TASK' (see guardedtask runs --help)\n"));
        assertThat(cli.runExactly(Cli.NO_TERMINAL)).isEqualTo(new Cli.Result(2, "", "guardedtask: Name a command: "
                + "tasks, runs, locks, release, forget, complete or console. (see guardedtask --help)\n"));
    }

    @Test
    void aBadRedisUriIsAUsageErrorOnOneLineWithoutThePassword() {
        Cli.Result result = cli.runExactly(Cli.NO_TERMINAL, "tasks", "--redis", "redis://:s3cret@localhost:99999");

        assertThat(result).isEqualTo(new Cli.Result(2, "", "guardedtask tasks: Redis URI 'redis://***@localhost:99999'"
                + " is invalid: the port 99999 is not from 1 to 65535. Expected redis://[user:password@]host[:port]"
                + "[/database], e.g. redis://localhost:6379/0. If the user or password has special characters, "
                + "percent-encode them: @ as %40, / as %2F, : as %3A, ? as %3F, # as %23, % as %25.\n"));
    }

    @Test
    void redisDownIsExitCode3OnOneLine() {
        redis.stop();
        int port = URI.create(redis.uri()).getPort();

        Cli.Result result = cli.run("locks");

        assertThat(result).isEqualTo(new Cli.Result(3, "", "guardedtask locks: Cannot connect to Redis at "
                + "redis://127.0.0.1:" + port + "/0: nothing listens at that host and port (Connection refused: "
                + "127.0.0.1/127.0.0.1:" + port + "). Start the server, or check the host and port in the URI.\n"));
    }

    @Test
    void redissonConfigIsTheSameOptionAsConfig(@TempDir Path folder) throws Exception {
        Path yaml = Files.writeString(folder.resolve("redisson.yaml"),
                "singleServerConfig:\n  address: \"" + redis.uri() + "\"\n");
        redis.set("success:report:" + DAY, "completed", Duration.ofDays(1));
        List<String> table = List.of("TASK    LAST RUN  OK  FAILED  SKIPPED  RUNNING  COMPLETED",
                "report  -         0   0       0        -        20261128");

        assertThat(cli.runExactly(Cli.NO_TERMINAL, "tasks", "--redisson-config", yaml.toString()).lines())
                .isEqualTo(table);
        assertThat(cli.runExactly(Cli.NO_TERMINAL, "tasks", "--config", yaml.toString()).lines()).isEqualTo(table);
    }

    @Test
    void aWrongAsIsAUsageErrorNamingTheOptionBeforeRedisIsReached() {
        Cli down = new Cli(clock, "--redis", "redis://127.0.0.1:1");

        assertThat(down.run("complete", "report", DAY, "--yes", "--as", "")).isEqualTo(new Cli.Result(2, "",
                "guardedtask complete: --as '': name who makes the write, 1 to 200 characters, no control characters, "
                + "e.g. --as alice (see guardedtask complete --help)\n"));
        assertThat(down.run("release", "report", DAY, "--yes", "--as", "a\tb")).isEqualTo(new Cli.Result(2, "",
                "guardedtask release: --as 'a b': name who makes the write, 1 to 200 characters, no control "
                + "characters, e.g. --as alice (see guardedtask release --help)\n"));
        assertThat(down.run("forget", "report", DAY, "--yes", "--as", "x".repeat(201)).err()).isEqualTo("guardedtask "
                + "forget: --as '" + "x".repeat(40) + "…': name who makes the write, 1 to 200 characters, no control "
                + "characters, e.g. --as alice (see guardedtask forget --help)\n");
        assertThat(cli.run("complete", "report", DAY, "--yes", "--as", "x".repeat(200)).code()).isZero();
        assertThat(history("report")).extracting(Run::by).containsExactly("x".repeat(200));
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.Result result = cli.runExactly(Cli.NO_TERMINAL, "release", "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains(String.join("\n", "Exit codes:",
                "   0   done",
                "   1   refused or nothing to do: the lock is live or not held, no completion to",
                "         forget, not confirmed",
                "   2   usage: a wrong option, task name, key, date or URI, or no terminal to",
                "         confirm on without --yes",
                "   3   Redis: not reachable, or it refused the command (the message says which,",
                "         and the fix)",
                "   4   an unexpected error: a bug, please report it with the message"));
    }

    @Test
    void everyLineFitsIn100ColumnsLongCellsCutWithAnEllipsisAndControlCharactersShownAsSpaces() {
        String task = "a_task_with_a_name_much_longer_than_its_column_" + "x".repeat(60);
        catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily(task), DAY,
                result -> result.fail("\u001b[31mred " + "y".repeat(120))));

        List<String> tasks = cli.run("tasks").lines();
        List<String> runs = cli.run("runs", task).lines();

        assertThat(tasks).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(runs).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(tasks.get(1)).startsWith("a_task_with_a_name_much_longe…  failed 0ms ago");
        assertThat(runs.get(1)).hasSize(100).contains("worker-1      [31mred yyy").endsWith("y…");
    }

    @Test
    void locksShowsAKeyColumnWhenALockIsKeyedItsUnkeyedLocksWithADash() throws Exception {
        redis.set("lock:sync#tenant-1:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync:" + DAY, "0badcafe", Duration.ofSeconds(60));
        redis.set("lock:report#a_key_much_longer_than_its_column:" + DAY, "12345678", Duration.ofSeconds(60));

        Cli.Result result = cli.run("locks");

        assertThat(result.code()).isZero();
        assertThat(result.lines()).hasSize(4);
        assertThat(result.lines().get(0))
                .isEqualTo("TASK    KEY           DATE      RUN ID    WORKER  RUNNING  RENEWED  LEFT  TIMEOUT");
        assertThat(result.lines().get(1)).matches("report  a_key_much_…  20261128  12345678  -       -        -        "
                + "5[5-9]s   -");
        assertThat(result.lines().get(2)).matches("sync    -             20261128  0badcafe  -       -        -        "
                + "5[5-9]s   -");
        assertThat(result.lines().get(3)).matches("sync    tenant-1      20261128  ab12cd34  -       -        -        "
                + "5[5-9]s   -");
        JsonNode locks = JSON.readTree(cli.run("locks", "--json").out());
        assertThat(locks).extracting(lock -> lock.get("key").isNull() ? null : lock.get("key").asText())
                .containsExactly("a_key_much_longer_than_its_column", null, "tenant-1");
        assertThat(fieldNames(locks.get(0))).startsWith("task", "key", "date", "task_id");
    }

    @Test
    void tasksShowsAKeyedTaskOnceItsRunningCountingEveryKeysLock() {
        redis.set("lock:sync#tenant-1:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync#tenant-2:" + DAY, "cd34ef56", Duration.ofSeconds(60));
        redis.set("success:sync#tenant-1:20261127", "completed", Duration.ofDays(1));
        redis.set("success:sync#tenant-2:20261127", "completed", Duration.ofDays(1));

        assertThat(cli.run("tasks").lines()).containsExactly(
                "TASK  LAST RUN  OK  FAILED  SKIPPED  RUNNING      COMPLETED",
                "sync  -         0   0       0        20261128 +1  20261127");
    }

    @Test
    void runsShowsAKeyColumnWhenAnEntryIsKeyedAndKeyFiltersByIt() throws Exception {
        guard.run(TaskOptions.daily("report"), DAY, result -> { });
        clock.advance(Duration.ofMinutes(1));
        guard.operator().as("alice").complete("report", "tenant-1", DAY);
        clock.advance(Duration.ofMinutes(1));
        guard.operator().as("bob").complete("report", "tenant-2", DAY);

        assertThat(cli.run("runs", "report").lines()).containsExactly(
                "ENDED (UTC)           DATE      KEY       WHAT       TOOK  WORKER / BY  DETAIL",
                "2026-11-28T10:17:30Z  20261128  tenant-2  completed  -     bob          -",
                "2026-11-28T10:16:30Z  20261128  tenant-1  completed  -     alice        -",
                "2026-11-28T10:15:30Z  20261128  -         success    0ms   worker-1     -");
        assertThat(cli.run("runs", "report", "--key", "tenant-1").lines()).containsExactly(
                "ENDED (UTC)           DATE      KEY       WHAT       TOOK  WORKER / BY  DETAIL",
                "2026-11-28T10:16:30Z  20261128  tenant-1  completed  -     alice        -");
        assertThat(cli.run("runs", "report", "--key", "tenant-3").lines()).containsExactly(
                "ENDED (UTC)  DATE  WHAT  TOOK  WORKER / BY  DETAIL");
        JsonNode runs = JSON.readTree(cli.run("runs", "report", "--json").out());
        assertThat(runs).extracting(run -> run.get("key").isNull() ? null : run.get("key").asText())
                .containsExactly("tenant-2", "tenant-1", null);
        assertThat(fieldNames(runs.get(0))).startsWith("id", "action", "task", "key", "date");
    }

    @Test
    void releaseForgetAndCompleteWithKeyWriteThatKeysKeysAndSayTheKey() throws Exception {
        redis.set("lock:sync#tenant-1:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:sync:" + DAY, "0badcafe", Duration.ofSeconds(60));
        Cli.Terminal yes = new Cli.Terminal("y");

        Cli.Result live = cli.run("release", "sync", DAY, "--key", "tenant-1", "--yes");
        Cli.Result released = cli.run(yes, "release", "sync", DAY, "--key", "tenant-1", "--force", "--as", "alice");
        Cli.Result again = cli.run("release", "sync", DAY, "--key", "tenant-1", "--yes", "--force");
        Cli.Result completed = cli.run("complete", "report", DAY, "--key", "tenant-2", "--yes", "--as", "bob",
                "--json");
        Cli.Result forgot = cli.run("forget", "report", DAY, "--key", "tenant-2", "--yes", "--as", "carol");
        Cli.Result nothing = cli.run("forget", "report", DAY, "--key", "tenant-2", "--yes");

        assertThat(live).isEqualTo(new Cli.Result(1, "", "guardedtask release: Not released: its holder (run "
                + "ab12cd34) records no history (a Python worker, or a guard with history off), so whether it still "
                + "runs is unknown. Add --force to release it anyway.\n"));
        assertThat(yes.questions).containsExactly("Release the lock of task 'sync' key 'tenant-1' for 20261128 held by "
                + "run ab12cd34 (a worker that records no history)? [y/N] ");
        assertThat(released).isEqualTo(new Cli.Result(0, "Released the lock of task 'sync' key 'tenant-1' for 20261128 "
                + "(run ab12cd34).\n", ""));
        assertThat(again).isEqualTo(new Cli.Result(1, "", "guardedtask release: No lock is held for task 'sync' key "
                + "'tenant-1' for 20261128: nothing to release.\n"));
        assertThat(completed.code()).isZero();
        assertThat(JSON.readTree(completed.out()).toString()).isEqualTo("{\"outcome\":\"completed\",\"message\":"
                + "\"Marked task 'report' key 'tenant-2' for 20261128 completed for 1d 00h: a daily task's calls skip "
                + "with already_completed (a recurring task reads no success key).\"}");
        assertThat(completed.err()).isEqualTo("guardedtask complete: note: task 'report' has no recorded run and no "
                + "lock here (key prefix ''): check its name and --key-prefix. It is completed all the same.\n");
        assertThat(forgot).isEqualTo(new Cli.Result(0, "Forgot the completion of task 'report' key 'tenant-2' for "
                + "20261128: its next call runs it.\n", ""));
        assertThat(nothing).isEqualTo(new Cli.Result(1, "", "guardedtask forget: No completion of task 'report' key "
                + "'tenant-2' for 20261128: nothing to forget.\n"));
        assertThat(redis.keyspace()).containsExactly("lock:sync:" + DAY + "=0badcafe");
        assertThat(history("sync")).extracting(Run::action, Run::key, Run::by, Run::forced)
                .containsExactly(tuple(Action.RELEASE, "tenant-1", "alice", true));
        assertThat(history("report")).extracting(Run::action, Run::key, Run::by)
                .containsExactly(tuple(Action.FORGET, "tenant-2", "carol"), tuple(Action.COMPLETE, "tenant-2", "bob"));
    }

    @Test
    void aBadKeyIsAUsageErrorOnOneLineThatTouchesNothing() {
        redis.set("lock:sync#a:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        String form = "is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id or a hash) before passing them.\n";

        assertThat(cli.run("release", "sync", DAY, "--key", "a#b", "--yes", "--force")).isEqualTo(new Cli.Result(2, "",
                "guardedtask release: Task 'sync': key 'a#b' " + form));
        assertThat(cli.run("forget", "sync", DAY, "--key", "a:b", "--yes")).isEqualTo(new Cli.Result(2, "",
                "guardedtask forget: Task 'sync': key 'a:b' " + form));
        assertThat(cli.run("complete", "sync", DAY, "--key", "{a}", "--yes")).isEqualTo(new Cli.Result(2, "",
                "guardedtask complete: Task 'sync': key '{a}' " + form));
        assertThat(cli.run("runs", "sync", "--key", "")).isEqualTo(new Cli.Result(2, "",
                "guardedtask runs: Task 'sync': key '' " + form));
        assertThat(redis.keyspace()).containsExactly("lock:sync#a:" + DAY + "=ab12cd34");
        assertThat(history("sync")).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<Run> history(String task) {
        TaskOperator operator = guard.operator();
        return operator.runs(task, null, null, 20);
    }
}
