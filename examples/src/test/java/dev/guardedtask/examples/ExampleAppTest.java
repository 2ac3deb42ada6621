package dev.guardedtask.examples;

import com.sun.net.httpserver.HttpServer;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExampleAppTest {

    private static final String PREFIX = "guardedtask-example:";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void threeWorkersRunTheDailyTaskOnceAndNeverOverlapTheRecurringOne() throws Exception {
        Options options = Options.parse("--workers", "3", "--ticks", "4", "--tick-ms", "150");

        Summary summary = new Simulation(options, redis.uri(), TestClocks.fixed(), new PrintStream(out, true)).run();

        assertThat(summary.outcomes().stream().filter(o -> o.tick() > 0)).hasSize(3 * 4 * 2);
        assertThat(summary.runs(Summary.DAILY)).isEqualTo(1);
        assertThat(summary.skips(Summary.DAILY).keySet()).isSubsetOf("already_completed", "lock_held");
        assertThat(summary.skips(Summary.DAILY).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(11);
        assertThat(summary.runs(Summary.RECURRING) + summary.skips(Summary.RECURRING).getOrDefault("lock_held", 0L))
                .isEqualTo(12);
        assertThat(summary.skips(Summary.RECURRING).keySet()).containsExactly("lock_held");
        assertThat(summary.workload().mostAtOnce(Summary.RECURRING)).isEqualTo(1);
        assertThat(summary.passed()).isTrue();
        assertThat(out.toString()).containsPattern("tick +1 +worker-\\d +task_daily_report +success");
        assertThat(redis.keyspace()).containsExactlyElementsOf(successKeys(PREFIX));
    }

    @Test
    void theSummaryEndsWithEveryMeterOfTheWorkersGuardsOneLineEach() throws Exception {
        Summary summary = new Simulation(Options.parse("--workers", "1", "--ticks", "4", "--tick-ms", "50"),
                redis.uri(), TestClocks.fixed(), new PrintStream(out, true)).run();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        summary.print(new PrintStream(printed, true));

        List<String> lines = printed.toString().lines().toList();
        int header = lines.indexOf("Meters (Micrometer, from guardedtask-micrometer's TaskMetrics on every worker's guard):");
        assertThat(header).as("the meters' header").isPositive();
        List<String> steps = List.of("task_analysis", "task_daily_report", "task_indexing", "task_odds", "task_report");
        long now = TestClocks.NOW.getEpochSecond();
        // the fixed clock stands still: every duration on the guard's clock is 0
        List<String> expected = Stream.of(
                steps.stream().map(t -> "guardedtask.last.success{task=" + t + "} " + now),
                steps.stream().map(t -> "guardedtask.run.duration{status=success,task=" + t + "} count="
                        + (t.equals("task_odds") ? 4 : 1) + " total=0s max=0s"),
                Stream.of("guardedtask.runs{reason=already_completed,status=skipped,task=task_daily_report} 3"),
                steps.stream().map(t -> "guardedtask.runs{reason=none,status=success,task=" + t + "} "
                        + (t.equals("task_odds") ? 4 : 1)),
                steps.stream().map(t -> "guardedtask.runs.active{task=" + t + "} 0"))
                .flatMap(s -> s).map(line -> "  " + line).toList();
        assertThat(lines.subList(header + 1, lines.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void oneWorkerRunsTheDailyTaskOnceAndTheRecurringOneOnEveryTick() throws Exception {
        Summary summary = new Simulation(Options.parse("--workers", "1", "--ticks", "4", "--tick-ms", "50"),
                redis.uri(), TestClocks.fixed(), new PrintStream(out, true)).run();

        assertThat(summary.runs(Summary.DAILY)).isEqualTo(1);
        assertThat(summary.skips(Summary.DAILY)).isEqualTo(Map.of("already_completed", 3L));
        assertThat(summary.runs(Summary.RECURRING)).isEqualTo(4);
        assertThat(summary.skips(Summary.RECURRING)).isEmpty();
        assertThat(summary.passed()).isTrue();
    }

    @Test
    void everyWorkerRunsTheChainAndEachStepRunsOnceInTotal() throws Exception {
        Summary summary = new Simulation(Options.parse("--ticks", "1", "--tick-ms", "50"), redis.uri(),
                TestClocks.fixed(), new PrintStream(out, true)).run();

        for (String step : Options.STEPS) {
            assertThat(summary.runs(step)).as(step).isEqualTo(1);
            assertThat(summary.skips(step).keySet()).as(step)
                    .isSubsetOf("already_completed", "lock_held", "dependency_not_met");
        }
        assertThat(out.toString().lines().filter(line -> line.startsWith("chain"))).hasSize(3 * 3);
        for (String step : Options.STEPS) {
            assertThat(out.toString().lines().filter(line -> line.startsWith("chain") && line.contains(step)
                    && line.endsWith(" ran"))).as(step).hasSize(1);
        }
        assertThat(out.toString()).doesNotContain("did not succeed");
    }

    @Test
    void aFailingStepLeavesTheStepsAfterItDependencyNotMet() throws Exception {
        Summary summary = new Simulation(Options.parse("--ticks", "1", "--tick-ms", "50", "--fail-step", "task_indexing"),
                redis.uri(), TestClocks.fixed(), new PrintStream(out, true)).run();

        assertThat(summary.runs(ChainJobs.ANALYSIS)).isEqualTo(1);
        assertThat(summary.outcomes()).filteredOn(o -> o.task().equals(ChainJobs.INDEXING) && o.ran())
                .isNotEmpty().allMatch(o -> o.status() == TaskStatus.FAILED);
        assertThat(summary.runs(ChainJobs.REPORT)).isZero();
        assertThat(summary.skips(ChainJobs.REPORT)).containsOnlyKeys("dependency_not_met");
        assertThat(out.toString()).containsPattern("(?m)^chain +worker-\\d +task_indexing +failed +exception +failed: "
                + "java.lang.IllegalStateException: simulated failure of task_indexing \\(--fail-step\\)$");
        assertThat(out.toString()).containsPattern("(?m)^chain +worker-\\d +task_report +skipped +dependency_not_met +"
                + "needs task_indexing, which failed here \\(exception\\)$");
        assertThat(redis.keyspace()).noneMatch(key -> key.startsWith(PREFIX + "success:task_indexing")
                || key.startsWith(PREFIX + "success:task_report") || key.contains("lock:"));
    }

    @Test
    void theAppPrintsALinePerCallAndASummaryAndExitsZero() throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--workers", "2", "--ticks", "2", "--tick-ms", "100", "--redis", redis.uri());

        assertThat(exit).isZero();
        assertThat(out.toString().lines().filter(line -> line.startsWith("tick"))).hasSize(2 * 2 * 2);
        assertThat(out.toString())
                .contains("Summary: 2 workers x 2 ticks, 8 task calls, 2 chain runs")
                .contains("check: daily task ran once ......................... OK")
                .contains("check: recurring runs never overlapped (max 1 at once) OK");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--workers 0          | --workers takes a whole number from 1 to 32, not '0'",
            "--ticks many         | --ticks takes a whole number from 1 to 1000, not 'many'",
            "--fast               | unknown option '--fast'",
            "--redis              | --redis needs a value",
            "--redis http://x:1   | Redis URI 'http://x:1' is invalid: the scheme must be redis or rediss",
            "--fail-step nope     | --fail-step takes one of [task_analysis, task_indexing, task_report], not 'nope'",
            "--redisson-config /nowhere/redisson.yaml | Redisson configuration '/nowhere/redisson.yaml' does not "
                    + "exist (absolute path: /nowhere/redisson.yaml): give the path of a Redisson YAML file.",
            "--redis redis://localhost:6379/0 --redisson-config pom.xml | Redisson configuration 'pom.xml' is not a "
                    + "valid Redisson YAML configuration"})
    void badOptionsGetTheUsageAndExitCode2(String args, String message) throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true), args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Error: " + message).contains("Usage: java -jar guardedtask-example.jar");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aUriAndARedissonConfigurationTogetherAreRefusedWithExitCode2() throws Exception {
        Path file = Files.writeString(folder.resolve("redisson.yaml"),
                "singleServerConfig:\n  address: \"" + redis.uri().replace("/0", "") + "\"\n");

        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--redis", redis.uri(), "--redisson-config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: --redis and --redisson-config both say which Redis to use: "
                + "give one of them\n\nUsage: java -jar guardedtask-example.jar");
        assertThat(out.toString()).isEmpty();
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void aSingleServerRedissonConfigurationIsUsedAsRedisIsWithThePlainKeys() throws Exception {
        Path file = Files.writeString(folder.resolve("redisson.yaml"),
                "singleServerConfig:\n  address: \"" + redis.uri().replace("/0", "") + "\"\n");

        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--workers", "2", "--ticks", "2", "--tick-ms", "50", "--redisson-config", file.toString());

        assertThat(exit).isZero();
        assertThat(redis.keyspace()).containsExactlyElementsOf(successKeys(PREFIX));
        assertThat(out.toString()).contains("2 workers, 2 ticks of 50 ms, Redis from " + file + " (PLAIN keys)\n");
    }

    @Test
    void anEmptyRedissonConfigurationIsRefusedWithExitCode2BeforeRedisIsTouched() throws Exception {
        Path file = Files.writeString(folder.resolve("redisson.yaml"), "# to be filled in\n");

        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--redisson-config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: Redisson configuration '" + file + "' is empty (or holds only "
                + "comments): give one of singleServerConfig, sentinelServersConfig, clusterServersConfig, "
                + "replicatedServersConfig, masterSlaveServersConfig with its addresses "
                + "(see https://redisson.pro/docs/configuration/).\n");
        assertThat(out.toString()).isEmpty();
        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageWithTheKeyPrefix() throws Exception {
        assertThat(ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true), "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage:")
                .contains("  --key-prefix PREFIX  put PREFIX before every key the example writes, on the embedded Redis and\n"
                        + "                       with --redis alike (default guardedtask-example:)")
                .contains("2 a bad option, or a Redis that cannot be reached, refuses the connection or refuses the\n"
                        + "example's first calls (one line \"Error: ...\" on stderr)")
                .contains("  --redisson-config FILE\n"
                        + "                       use the Redis that this Redisson YAML configuration names");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void byDefaultItStartsAnEmbeddedRedisAndLeavesNoServerBehindWhenStopped() throws Exception {
        Process app = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                ExampleApp.class.getName(), "--ticks", "1000", "--tick-ms", "50")
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String header = lines.readLine();
            while (header != null && !header.contains("(embedded)")) { // log lines may come first
                header = lines.readLine();
            }
            assertThat(header).as("the header line").isNotNull();
            Matcher port = Pattern.compile("Redis at redis://127\\.0\\.0\\.1:(\\d+)/0").matcher(header);
            assertThat(port.find()).as(header).isTrue();
            int redisPort = Integer.parseInt(port.group(1));
            assertThat(answers(redisPort)).isTrue();

            app.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C

            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !answers(redisPort));
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** The whole output of the process, Redisson's logging included: one line, as README promises. */
    @Test
    void anotherServerAtTheAddressGivesOneErrorLineAndNothingElse() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.start();
        Process app = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                ExampleApp.class.getName(), "--redis", "redis://127.0.0.1:" + web.getAddress().getPort() + "/0")
                .redirectErrorStream(true).start();
        try {
            String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isEqualTo(2);
            assertThat(output).isEqualTo("Error: Cannot connect to Redis at redis://127.0.0.1:"
                    + web.getAddress().getPort() + "/0: what answered at that host and port is not Redis (it sent: "
                    + "HTTP/1.1 400 Bad Request). Check the host and port in the URI: they are another server's.\n");
        } finally {
            app.destroyForcibly();
            web.stop(0);
        }
    }

    @Test
    void withRedisEveryKeyTheAppWritesStartsWithTheExamplesPrefix() throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--workers", "2", "--ticks", "2", "--tick-ms", "50", "--redis", redis.uri());

        assertThat(exit).isZero();
        assertThat(redis.keyspace()).containsExactlyElementsOf(successKeys(PREFIX));
        assertThat(redis.get("success:task_daily_report:" + TestClocks.TODAY)).isNull();
        assertThat(out.toString()).contains("Every key starts with 'guardedtask-example:'. Today is 20261128 (Z).")
                .contains("Left in Redis for 24 h: success keys such as "
                        + "guardedtask-example:success:task_daily_report:20261128.\n"
                        + "Left for 30 days after each task's last run: its history and counts (guardedtask-example:"
                        + "history:<task>, guardedtask-example:stats:<task>; guardedtask tasks --key-prefix "
                        + "guardedtask-example: reads them); for good: its fencing counter "
                        + "(guardedtask-example:fence:<task>).\n");
    }

    @Test
    void keyPrefixReplacesTheDefaultPrefix() throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--workers", "1", "--ticks", "1", "--tick-ms", "50", "--key-prefix", "trial-7:", "--redis", redis.uri());

        assertThat(exit).isZero();
        assertThat(redis.keyspace()).containsExactlyElementsOf(successKeys("trial-7:"));
    }

    @Test
    void aSuccessKeyOfARealJobWithoutThePrefixIsNeitherSeenNorTouched() throws Exception {
        redis.set("success:task_daily_report:" + TestClocks.TODAY, "completed", Duration.ofHours(1));

        Summary summary = new Simulation(Options.parse("--workers", "1", "--ticks", "1", "--tick-ms", "50"),
                redis.uri(), TestClocks.fixed(), new PrintStream(out, true)).run();

        assertThat(summary.runs(Summary.DAILY)).isEqualTo(1);
        assertThat(redis.keyspace()).contains("success:task_daily_report:" + TestClocks.TODAY + "=completed",
                PREFIX + "success:task_daily_report:" + TestClocks.TODAY + "=completed").hasSize(5);
    }

    @Test
    void whenAnotherProcessHoldsAStepsLockEveryWorkersChainSaysSoAndWhatFollows() throws Exception {
        redis.set(PREFIX + "success:task_analysis:" + TestClocks.TODAY, "completed", Duration.ofHours(1));
        redis.set(PREFIX + "lock:task_indexing:" + TestClocks.TODAY, "elsewhere", Duration.ofHours(1));

        new Simulation(Options.parse("--workers", "2", "--ticks", "1", "--tick-ms", "50"), redis.uri(),
                TestClocks.fixed(), new PrintStream(out, true)).run();

        assertThat(out.toString().lines().filter(line -> line.startsWith("chain"))).containsExactly(
                "chain     worker-1   task_analysis       skipped   already_completed              completed today by an earlier run",
                "chain     worker-1   task_indexing       skipped   lock_held                      another process holds its lock",
                "chain     worker-1   task_report         skipped   dependency_not_met             needs task_indexing, which was skipped here (lock_held)",
                "chain     worker-2   task_analysis       skipped   already_completed              completed today by an earlier run",
                "chain     worker-2   task_indexing       skipped   lock_held                      another process holds its lock",
                "chain     worker-2   task_report         skipped   dependency_not_met             needs task_indexing, which was skipped here (lock_held)");
    }

    @Test
    void aChainStepSkippedForAnotherWorkerNamesThatWorker() {
        ChainLines chains = new ChainLines(List.of(
                step("worker-1", ChainJobs.ANALYSIS, TaskStatus.SUCCESS, null),
                step("worker-2", ChainJobs.ANALYSIS, TaskStatus.SKIPPED, "already_completed"),
                step("worker-1", ChainJobs.INDEXING, TaskStatus.SUCCESS, null),
                step("worker-2", ChainJobs.INDEXING, TaskStatus.SKIPPED, "lock_held"),
                step("worker-2", ChainJobs.REPORT, TaskStatus.SKIPPED, "dependency_not_met"),
                step("worker-1", ChainJobs.REPORT, TaskStatus.SUCCESS, null)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        chains.print(TestClocks.TODAY, new PrintStream(printed, true));

        assertThat(printed.toString().lines()).containsExactly(
                "Chain for 20261128: task_analysis -> task_indexing -> task_report. Every worker starts it at once;",
                "each step runs on one worker, the others skip it.",
                "chain     worker-1   task_analysis       success   -                              ran",
                "chain     worker-2   task_analysis       skipped   already_completed              worker-1 completed it",
                "chain     worker-1   task_indexing       success   -                              ran",
                "chain     worker-2   task_indexing       skipped   lock_held                      worker-1 was running it",
                "chain     worker-2   task_report         skipped   dependency_not_met             needs task_indexing, which was skipped here (lock_held)",
                "chain     worker-1   task_report         success   -                              ran");
    }

    private static Outcome step(String worker, String task, TaskStatus status, String reason) {
        return new Outcome(0, worker, task, status, reason, "", "", 0);
    }

    @Test
    void anUnreachableRedisGetsOneLineAndExitCode2() throws Exception {
        int port = closedPort();

        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--redis", "redis://127.0.0.1:" + port);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("Error: Cannot connect to Redis at redis://127.0.0.1:" + port + "/0: ");
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://127.0.0.1:%d        | Error: Cannot connect to Redis at redis://127.0.0.1:%d/0: ",
            "redis://:wrong@127.0.0.1:%d | Error: Cannot connect to Redis at redis://***@127.0.0.1:%d/0: "})
    void aRedisThatRefusesTheClientGetsOneLineAndExitCode2(String uri, String message) throws Exception {
        try (EmbeddedRedis locked = EmbeddedRedis.start()) {
            send(locked.port(), "CONFIG", "SET", "requirepass", "sekrit");

            int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                    "--redis", uri.formatted(locked.port()));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().lines()).singleElement().asString()
                    .startsWith(message.formatted(locked.port())).doesNotContain("wrong");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void theJarsMainExitsWith2AndOneLineWhenRedisIsUnreachable() throws Exception {
        int port = closedPort();
        Process app = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                ExampleApp.class.getName(), "--redis", "redis://127.0.0.1:" + port).start();
        try {
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the JVM exited").isTrue();
            assertThat(app.exitValue()).isEqualTo(2);
            assertThat(new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()).singleElement()
                    .asString().startsWith("Error: Cannot connect to Redis at redis://127.0.0.1:" + port + "/0: ");
            assertThat(app.getInputStream().readAllBytes()).isEmpty();
        } finally {
            app.destroyForcibly();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''        | --key-prefix must not be empty: the example's keys would then be the plain task keys "
                    + "(success:task_daily_report:YYYYMMDD) that a real job on the same Redis uses",
            "'my jobs' | --key-prefix 'my jobs' contains white space or control characters; use e.g. 'guardedtask-example:'"})
    void aBadKeyPrefixGetsTheUsageAndExitCode2(String prefix, String message) throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--key-prefix", prefix);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: " + message + "\n\nUsage: java -jar guardedtask-example.jar");
        assertThat(out.toString()).isEmpty();
    }

    /** The keys (with values) of every task's success today under {@code prefix}: what a run leaves behind. */
    private static List<String> successKeys(String prefix) {
        return Stream.of("task_analysis", "task_daily_report", "task_indexing", "task_report")
                .map(task -> prefix + "success:" + task + ":" + TestClocks.TODAY + "=completed").toList();
    }

    /** A loopback port nothing listens on: taken from the system, then let go. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Sends one command on a socket of its own and checks that the server answered {@code +OK}. */
    private static void send(int port, String... command) throws IOException {
        StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
        for (String part : command) {
            resp.append('$').append(part.length()).append("\r\n").append(part).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(resp.toString().getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
            assertThat(reply).as(String.join(" ", command)).isEqualTo("+OK\r\n");
        }
    }

    /** Whether a server (an orphaned redis-server, say) still listens on {@code port}. */
    private static boolean answers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
