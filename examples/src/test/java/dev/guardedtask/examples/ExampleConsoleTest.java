package dev.guardedtask.examples;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

/**
 * {@code --console PORT}: after its run on its embedded Redis, the example serves the web console with that run in
 * it until stopped.
 */
class ExampleConsoleTest {

    private static final Pattern CONSOLE = Pattern.compile("\nWeb console: (http://127\\.0\\.0\\.1:\\d+/)\n"
            + "Token for its writes \\(release, forget, complete\\): ([A-Za-z0-9_-]{43})\nServing until Ctrl-C\\.\n$");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theConsoleShowsTheRunsTasksByWorkerUntilStopped() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread app = new Thread(() -> {
            try {
                exit.set(ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                        "--workers", "2", "--ticks", "1", "--tick-ms", "50", "--console", "0"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "example-app");
        app.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Serving until Ctrl-C.")
                || !app.isAlive());

        assertThat(out.toString()).contains("\nThe embedded Redis stops with the console, and its keys go with it.\n")
                .doesNotContain("stops now");
        Matcher console = CONSOLE.matcher(out.toString());
        assertThat(console.find()).as(out.toString() + err).isTrue();
        URI uri = URI.create(console.group(1));
        String tasks = get(uri.resolve("/api/tasks")).body();
        assertThat(tasks).contains("\"name\":\"task_daily_report\"", "\"name\":\"task_odds\"",
                "\"name\":\"task_analysis\"", "\"now\":\"" + TestClocks.NOW + "\"");
        assertThat(get(uri.resolve("/api/tasks/task_daily_report/runs")).body())
                .containsPattern("\"worker\":\"worker-[12]\"");

        app.interrupt();
        app.join(10_000);

        assertThat(app.isAlive()).isFalse();
        assertThat(exit).hasValue(0);
        assertThatThrownBy(() -> get(uri.resolve("/api/tasks"))).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsAnErrorLineWithExitCode2BeforeTheRun() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                    "--workers", "1", "--ticks", "1", "--tick-ms", "50", "--console", Integer.toString(port));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).matches("Error: --console " + port + ": The console cannot listen on "
                    + "127\\.0\\.0\\.1:" + port + " \\(.+\\): choose another port, or stop what listens there\n");
            assertThat(out.toString()).as("no run was made").doesNotContain("check: ");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
