package dev.guardedtask.examples;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.guardedtask.TaskResult.BACKEND_REFUSED;
import static dev.guardedtask.TaskResult.BACKEND_UNAVAILABLE;
import static dev.guardedtask.TaskResult.DEPENDENCY_NOT_MET;
import static dev.guardedtask.TaskResult.LOCK_HELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A Redis that refuses the example's commands, one that stops in the middle of a run, and what the output says. */
class FailingRedisTest {

    private static final String PREFIX = "guardedtask-example:";
    /** Logs in, but its key patterns leave out the example's prefix: Redis refuses every guarded call (NOPERM). */
    private static final String USER_WITHOUT_THE_EXAMPLES_KEYS = "user u on >pw resetchannels ~lock:* ~success:* "
            + "+ping +select +evalsha +script|load +exists +set +get +pexpire +del";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String METERS = "Meters (Micrometer, from guardedtask-micrometer's TaskMetrics on every "
            + "worker's guard):";
    /** The fixed clock's time, as the last success gauges show it: the run's durations on it are all 0. */
    private static final long NOW_SECONDS = TestClocks.NOW.getEpochSecond();

    @Test
    void aRedisThatRefusesEveryCallEndsTheRunWithTheLibrarysMessageOnOneLineAndExitCode2() throws Exception {
        try (EmbeddedRedis refusing = EmbeddedRedis.start(USER_WITHOUT_THE_EXAMPLES_KEYS)) {
            String uri = "redis://u:pw@127.0.0.1:" + refusing.port();

            int exit = run("--ticks", "2", "--tick-ms", "50", "--redis", uri);

            String refusal = refusalOfTheFirstStep(uri);
            assertThat(refusal).startsWith("Task 'task_analysis' for 20261128 did not run: Redis refused ACQUIRE on "
                    + "guardedtask-example:lock:task_analysis:20261128: NOPERM ")
                    .contains("this is a configuration error, not an outage");
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().lines()).containsExactly("Error: " + refusal);
            assertThat(out.toString()).isEmpty();
            assertThat(send(refusing.port(), "DBSIZE")).as("keys written").isEqualTo(":0");
        }
    }

    @Test
    void anOutageAfterTheChainIsReportedCallByCallAsFailedAndTheChecksSayWhatTheyCouldNotShow() throws Exception {
        PrintStream stopsRedisAtTheTicks = new PrintStream(new StopsRedisAt("\nTicks:"), true);

        int exit = ExampleApp.run(TestClocks.fixed(), stopsRedisAtTheTicks, new PrintStream(err, true),
                "--workers", "1", "--ticks", "2", "--tick-ms", "50", "--redis", redis.uri());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().lines().filter(line -> line.startsWith("tick"))).hasSize(4).allSatisfy(line ->
                assertThat(line).matches("tick +[12]  worker-1 +(task_daily_report|task_odds) +failed +"
                        + "backend_unavailable +\\d+ ms  Task '\\1' for 20261128 did not run: Redis did not answer "
                        + "ACQUIRE on guardedtask-example:lock:\\1:20261128: .+\\. The body was not run; "
                        + "check that Redis is reachable, the next call tries again\\."));
        assertThat(out.toString().lines().dropWhile(line -> !line.startsWith("Summary:"))).containsExactly(
                "Summary: 1 worker x 2 ticks, 4 task calls, 1 chain run",
                "  task_daily_report   succeeded   0   skipped   0   failed   2   backend_unavailable 2",
                "  task_odds           succeeded   0   skipped   0   failed   2   backend_unavailable 2",
                "  task_analysis       succeeded   1   skipped   0   failed   0",
                "  task_indexing       succeeded   1   skipped   0   failed   0",
                "  task_report         succeeded   1   skipped   0   failed   0",
                "  check: daily task ran once ......................... NOT SHOWN (it never ran: "
                        + "backend_unavailable 2)",
                "  check: recurring runs never overlapped (max 0 at once) NOT SHOWN (it never ran: "
                        + "backend_unavailable 2)",
                "  check: Redis served every call ..................... FAILED (4 calls failed backend_unavailable: "
                        + "see their lines above)",
                "",
                "Left in Redis for 24 h: success keys such as guardedtask-example:success:task_analysis:20261128.",
                "Left for 30 days after each task's last run: its history and counts (guardedtask-example:history:"
                        + "<task>, guardedtask-example:stats:<task>; guardedtask tasks --key-prefix guardedtask-example: "
                        + "reads them); for good: its fencing counter (guardedtask-example:fence:<task>).",
                "A second run today finds those tasks already completed; another --key-prefix starts afresh.",
                "",
                METERS,
                "  guardedtask.last.success{task=task_analysis} " + NOW_SECONDS,
                "  guardedtask.last.success{task=task_indexing} " + NOW_SECONDS,
                "  guardedtask.last.success{task=task_report} " + NOW_SECONDS,
                "  guardedtask.run.duration{status=failed,task=task_daily_report} count=2 total=0s max=0s",
                "  guardedtask.run.duration{status=failed,task=task_odds} count=2 total=0s max=0s",
                "  guardedtask.run.duration{status=success,task=task_analysis} count=1 total=0s max=0s",
                "  guardedtask.run.duration{status=success,task=task_indexing} count=1 total=0s max=0s",
                "  guardedtask.run.duration{status=success,task=task_report} count=1 total=0s max=0s",
                "  guardedtask.runs{reason=backend_unavailable,status=failed,task=task_daily_report} 2",
                "  guardedtask.runs{reason=backend_unavailable,status=failed,task=task_odds} 2",
                "  guardedtask.runs{reason=none,status=success,task=task_analysis} 1",
                "  guardedtask.runs{reason=none,status=success,task=task_indexing} 1",
                "  guardedtask.runs{reason=none,status=success,task=task_report} 1",
                "  guardedtask.runs.active{task=task_analysis} 0",
                "  guardedtask.runs.active{task=task_indexing} 0",
                "  guardedtask.runs.active{task=task_report} 0",
                "  guardedtask.store.errors{kind=backend_unavailable,task=task_daily_report} 2",
                "  guardedtask.store.errors{kind=backend_unavailable,task=task_odds} 2");
    }

    @Test
    void aRunThatWritesNoSuccessKeySaysOnlyTheHistoryIsLeftAndCreditsTheEarlierRun() throws Exception {
        for (String task : List.of("task_analysis", "task_indexing", "task_report", "task_daily_report")) {
            redis.set(PREFIX + "success:" + task + ":" + TestClocks.TODAY, "completed", Duration.ofHours(1));
        }

        int exit = run("--workers", "1", "--ticks", "1", "--tick-ms", "50", "--redis", redis.uri());

        assertThat(exit).isZero();
        assertThat(out.toString().lines().dropWhile(line -> !line.startsWith("Summary:"))).containsExactly(
                "Summary: 1 worker x 1 tick, 2 task calls, 1 chain run",
                "  task_daily_report   succeeded   0   skipped   1   failed   0   already_completed 1",
                "  task_odds           succeeded   1   skipped   0   failed   0",
                "  task_analysis       succeeded   0   skipped   1   failed   0   already_completed 1",
                "  task_indexing       succeeded   0   skipped   1   failed   0   already_completed 1",
                "  task_report         succeeded   0   skipped   1   failed   0   already_completed 1",
                "  check: daily task ran once ......................... OK (completed by an earlier run today)",
                "  check: recurring runs never overlapped (max 1 at once) OK",
                "  check: Redis served every call ..................... OK",
                "",
                "Left for 30 days after each task's last run: its history and counts (guardedtask-example:history:"
                        + "<task>, guardedtask-example:stats:<task>; guardedtask tasks --key-prefix guardedtask-example: "
                        + "reads them); for good: its fencing counter (guardedtask-example:fence:<task>).",
                "",
                METERS,
                "  guardedtask.last.success{task=task_odds} " + NOW_SECONDS,
                "  guardedtask.run.duration{status=success,task=task_odds} count=1 total=0s max=0s",
                "  guardedtask.runs{reason=already_completed,status=skipped,task=task_analysis} 1",
                "  guardedtask.runs{reason=already_completed,status=skipped,task=task_daily_report} 1",
                "  guardedtask.runs{reason=already_completed,status=skipped,task=task_indexing} 1",
                "  guardedtask.runs{reason=already_completed,status=skipped,task=task_report} 1",
                "  guardedtask.runs{reason=none,status=success,task=task_odds} 1",
                "  guardedtask.runs.active{task=task_odds} 0");
    }

    @Test
    void whenNoChainCallOfAnyWorkerWasServedTheRunStopsWithTheFirstCallsMessage() {
        assertThat(Simulation.refusedEverywhere(List.of(
                call("worker-1", ChainJobs.ANALYSIS, TaskStatus.FAILED, BACKEND_REFUSED, "refused, first"),
                call("worker-1", ChainJobs.INDEXING, TaskStatus.SKIPPED, DEPENDENCY_NOT_MET, ""),
                call("worker-2", ChainJobs.ANALYSIS, TaskStatus.FAILED, BACKEND_REFUSED, "refused, second"),
                call("worker-2", ChainJobs.INDEXING, TaskStatus.SKIPPED, DEPENDENCY_NOT_MET, ""))))
                .contains("refused, first");
        assertThat(Simulation.refusedEverywhere(List.of(
                call("worker-1", ChainJobs.ANALYSIS, TaskStatus.FAILED, BACKEND_UNAVAILABLE, "gone, first"),
                call("worker-2", ChainJobs.ANALYSIS, TaskStatus.FAILED, BACKEND_REFUSED, "refused, second"))))
                .contains("gone, first");
    }

    @Test
    void whenOneWorkersChainCallWasServedTheRunGoesOn() {
        assertThat(Simulation.refusedEverywhere(List.of(
                call("worker-1", ChainJobs.ANALYSIS, TaskStatus.FAILED, BACKEND_REFUSED, "refused"),
                call("worker-1", ChainJobs.INDEXING, TaskStatus.SKIPPED, DEPENDENCY_NOT_MET, ""),
                call("worker-2", ChainJobs.ANALYSIS, TaskStatus.SKIPPED, LOCK_HELD, "")))).isEmpty();
    }

    @Test
    void aFailedCallsLineQuotesTheTaskErrorsMessageAndNothingElse() {
        Outcome refused = new Outcome(3, "worker-2", Summary.DAILY, TaskStatus.FAILED, BACKEND_REFUSED,
                "Redis refused ACQUIRE on k: NOPERM no", "Task 'task_daily_report' for 20261128 did not run: ...", 7);

        assertThat(refused.line()).isEqualTo("tick   3  worker-2   task_daily_report   failed    backend_refused"
                + "          7 ms  Task 'task_daily_report' for 20261128 did not run: ...");
        assertThat(refused.ran()).isFalse();
    }

    private int run(String... args) throws InterruptedException {
        return ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true), args);
    }

    /** What the library's TaskError says when the first chain step is called on {@code uri}. */
    private static String refusalOfTheFirstStep(String uri) {
        try (TaskGuard guard = TaskGuard.builder().redis(uri).keyPrefix(PREFIX).clock(TestClocks.fixed()).build()) {
            return catchThrowableOfType(TaskError.class, () -> guard.run(TaskOptions.daily(ChainJobs.ANALYSIS),
                    TestClocks.TODAY, result -> { })).getMessage();
        }
    }

    private static Outcome call(String worker, String task, TaskStatus status, String reason, String message) {
        return new Outcome(0, worker, task, status, reason, "", message, 0);
    }

    /** Sends one command as the default user on a socket of its own; the first line of the reply. */
    private static String send(int port, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder reply = new StringBuilder();
            for (int c = socket.getInputStream().read(); c != '\r' && c != -1; c = socket.getInputStream().read()) {
                reply.append((char) c);
            }
            return reply.toString();
        }
    }

    /** Collects what the app prints, and stops the test's Redis as soon as {@code marker} has been printed. */
    private final class StopsRedisAt extends ByteArrayOutputStream {

        private final String marker;
        private boolean stopped;

        StopsRedisAt(String marker) {
            this.marker = marker;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, length);
            out.write(bytes, offset, length);
            if (!stopped && toString(StandardCharsets.UTF_8).contains(marker)) {
                stopped = true;
                redis.stop(); // on the main thread, after the chains and before the first tick is handed out
            }
        }
    }
}
