package dev.guardedtask.console;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code guardedtask console}: what it prints, that it serves until stopped, and its refusals. */
class ConsoleCommandTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final String TOKEN = "command-test-token-0123456789";
    private static final Pattern STARTED = Pattern.compile(
            "guardedtask console: (http://127\\.0\\.0\\.1:\\d+/)\nToken for writes \\(paste it into the page once\\): "
                    + "([A-Za-z0-9_-]{43})\nServing until Ctrl-C\\.\n");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private Thread command;

    @AfterEach
    void stop() throws InterruptedException {
        if (command != null) {
            command.interrupt();
            command.join(10_000);
        }
    }

    @Test
    void itPrintsTheUrlAndAGeneratedTokenAndServesUntilStopped() throws Exception {
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            guard.run(TaskOptions.daily("task_report"), TestClocks.TODAY, result -> { });
        }
        start("console", "--redis", redis.uri(), "--port", "0");

        Matcher started = STARTED.matcher(out.toString());
        assertThat(started.matches()).as(out.toString()).isTrue();
        URI uri = URI.create(started.group(1));
        assertThat(get(uri.resolve("/api/tasks")).body()).contains("\"name\":\"task_report\"");
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(uri.resolve("/api/tasks/task_report/dates/"
                        + TestClocks.TODAY + "/forget")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + started.group(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(200);
        assertThat(redis.get("success:task_report:" + TestClocks.TODAY)).isNull();

        command.interrupt();
        command.join(10_000);

        assertThat(exit).hasValue(0);
        assertThatThrownBy(() -> get(uri.resolve("/api/tasks"))).isInstanceOf(ConnectException.class);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aGivenTokenIsNeverPrinted() {
        start("console", "--redis", redis.uri(), "--port", "0", "--token", TOKEN);

        assertThat(out.toString()).doesNotContain(TOKEN)
                .contains("\nWrites need the token given with --token or $GUARDEDTASK_CONSOLE_TOKEN.\n");
    }

    @Test
    void readOnlySaysSoAndPrintsNoToken() {
        start("console", "--redis", redis.uri(), "--port", "0", "--read-only");

        assertThat(out.toString()).matches("guardedtask console: http://127\\.0\\.0\\.1:\\d+/ \\(read-only\\)\n"
                + "Serving until Ctrl-C\\.\n");
    }

    @Test
    void aPortInUseIsAUsageErrorOfOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = commandLine().execute("console", "--redis", redis.uri(), "--port",
                    Integer.toString(taken.getLocalPort()));

            assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(err.toString()).matches("guardedtask console: The console cannot listen on 127\\.0\\.0\\.1:"
                    + taken.getLocalPort() + " \\(.+\\): choose another port, or stop what listens there \\(see "
                    + "guardedtask console --help\\)\n");
        }
    }

    @Test
    void aShortTokenIsAUsageErrorThatDoesNotRepeatIt() {
        int code = commandLine().execute("console", "--redis", redis.uri(), "--port", "0", "--token", "short-secret");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("guardedtask console: Console token (12 characters) must be 16 or more "
                + "printable ASCII characters without spaces; leave it out and the console makes one\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void jsonIsAUsageErrorPointingToTheApi() {
        int code = commandLine().execute("console", "--redis", redis.uri(), "--json");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("guardedtask console: --json does not apply to the console: its API "
                + "answers in JSON already (GET /api/tasks, /api/locks, /api/tasks/TASK/runs) (see guardedtask "
                + "console --help)\n");
    }

    /** Runs the command on a thread of its own and waits until it serves. */
    private void start(String... args) {
        CommandLine line = commandLine();
        command = new Thread(() -> exit.set(line.execute(args)), "console-command");
        command.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("Serving until Ctrl-C.")
                || !command.isAlive());
        assertThat(command.isAlive()).as("still serving; stderr: " + err).isTrue();
    }

    private CommandLine commandLine() {
        CommandLine line = Main.commandLine(TestClocks.fixed(), question -> null);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
