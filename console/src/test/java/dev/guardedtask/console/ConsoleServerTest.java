package dev.guardedtask.console;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.testsupport.CapturedOutput;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The console's HTTP side, with a plain client: its JSON, its security checks and headers, its threads. */
class ConsoleServerTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final String DAY = TestClocks.TODAY;
    private static final String TOKEN = "test-token-0123456789abcdef";

    private final MutableClock clock = TestClocks.mutable();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TaskGuard guard;
    private ConsoleServer console;

    @BeforeEach
    void start() {
        guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build();
        console = ConsoleServer.builder(guard.operator()).port(0).token(TOKEN).clock(clock).start();
    }

    @AfterEach
    void stop() {
        console.close();
        guard.close();
    }

    @Test
    void tasksShowCountsAndTheLastRunAsJson() throws Exception {
        guard.run(TaskOptions.daily("task_report"), "20261127", result -> result.add("rows", 3));
        clock.advance(Duration.ofSeconds(30));
        guard.run(TaskOptions.daily("task_report"), DAY, result -> result.add("rows", 5));
        guard.run(TaskOptions.daily("task_report"), DAY, result -> { }); // already_completed
        clock.advance(Duration.ofSeconds(90));

        HttpResponse<String> response = get("/api/tasks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body())
                .startsWith("{\"now\":\"2026-11-28T10:17:30Z\",\"tasks\":[{\"name\":\"task_report\",\"last_run\":{")
                .contains("\"action\":\"run\"", "\"date\":\"" + DAY + "\"", "\"status\":\"success\"",
                        "\"counters\":{\"rows\":5}", "\"ended\":\"2026-11-28T10:16:00Z\"", "\"worker\":\"worker-1\"",
                        "\"successes\":2,\"failures\":0,\"skips\":{\"already_completed\":1}",
                        "\"completed_dates\":[\"" + DAY + "\",\"20261127\"]");
    }

    @Test
    void runsAreFilteredByStatusAndLimited() throws Exception {
        guard.run(TaskOptions.daily("task_import"), "20261126", result -> { });
        assertThatThrownBy(() -> guard.run(TaskOptions.daily("task_import"), "20261127",
                result -> result.fail("bad_input"))).isInstanceOf(TaskError.class);
        guard.run(TaskOptions.daily("task_import"), DAY, result -> { });

        String failed = get("/api/tasks/task_import/runs?status=failed").body();
        String newest = get("/api/tasks/task_import/runs?limit=1").body();

        assertThat(failed).startsWith("{").contains("\"date\":\"20261127\"", "\"reason\":\"bad_input\"")
                .doesNotContain("\"date\":\"20261126\"", "\"date\":\"" + DAY + "\"");
        assertThat(newest).contains("\"date\":\"" + DAY + "\"")
                .doesNotContain("\"date\":\"20261126\"", "\"date\":\"20261127\"");
    }

    @Test
    void aBadValueIs400WithTheValueAndAnUnknownPath404() throws Exception {
        HttpResponse<String> limit = get("/api/tasks/task_import/runs?limit=0");
        HttpResponse<String> status = get("/api/tasks/task_import/runs?status=skipped");
        HttpResponse<String> path = get("/api/tasks/task_import/history");

        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body())
                .isEqualTo("{\"error\":\"limit '0' is not a whole number from 1 to 1000 (default 50)\"}");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).isEqualTo("{\"error\":\"status 'skipped' is not success or failed: leave it out "
                + "for every entry\"}");
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(path.body()).isEqualTo("{\"error\":\"No API path '/api/tasks/task_import/history': the API has "
                + "GET /api/console, /api/tasks, /api/tasks/TASK/runs, /api/locks and POST "
                + "/api/tasks/TASK/dates/YYYYMMDD/release, /forget, /complete\"}");
    }

    @Test
    void redisDownIs503WithTheOperatorsOneLine() throws Exception {
        redis.stop();

        HttpResponse<String> response = get("/api/tasks");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("{\"error\":\"").endsWith("\"}").doesNotContain("\\n", "\\t");
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoCorsHeader() throws Exception {
        for (String path : new String[] {"/", "/console.js", "/console.css", "/api/tasks", "/nothing-here"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
                            + "frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.headers().map().keySet()).as(path)
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
        assertThat(get("/console.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/").body()).contains("<script src=\"console.js\" defer></script>").doesNotContain("<script>");
    }

    @Test
    void aWriteWithTheTokenIsDoneAndRecordedWithWhoMadeIt() throws Exception {
        HttpResponse<String> response = http.send(post("/api/tasks/task_report/dates/" + DAY + "/complete")
                .header("Authorization", "Bearer " + TOKEN).header("Origin", origin())
                .header("X-Guardedtask-Operator", "alice").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"outcome\":\"completed\",\"message\":\"Task 'task_report' is "
                + "completed for " + DAY + ": a daily task's calls for that date skip with already_completed (a "
                + "recurring task reads no success key).\"}");
        assertThat(redis.get("success:task_report:" + DAY)).isEqualTo("completed");
        assertThat(get("/api/tasks/task_report/runs").body()).contains("\"action\":\"complete\"", "\"by\":\"alice\"");
    }

    @Test
    void keyedLocksAndRunsCarryTheirKeyAndWritesTakeTheKeyAsAParameter() throws Exception {
        redis.set("lock:task_sync#tenant-1:" + DAY, "ab12cd34", Duration.ofMinutes(1));
        redis.set("lock:task_sync:" + DAY, "cd34ef56", Duration.ofMinutes(1));

        assertThat(get("/api/locks").body()).contains("{\"task\":\"task_sync\",\"key\":null,\"date\":\"" + DAY
                + "\",\"task_id\":\"cd34ef56\"", "{\"task\":\"task_sync\",\"key\":\"tenant-1\",\"date\":\"" + DAY
                + "\",\"task_id\":\"ab12cd34\"");
        HttpResponse<String> released = write("/api/tasks/task_sync/dates/" + DAY + "/release?key=tenant-1&force=true");
        HttpResponse<String> completed = write("/api/tasks/task_sync/dates/" + DAY + "/complete?key=tenant-2");
        HttpResponse<String> forgot = write("/api/tasks/task_sync/dates/" + DAY + "/forget?key=tenant-2");
        HttpResponse<String> unkeyed = write("/api/tasks/task_sync/dates/" + DAY + "/complete?key=");
        HttpResponse<String> twice = write("/api/tasks/task_sync/dates/" + DAY + "/complete?key=c43&key=c44");

        assertThat(released.body()).isEqualTo("{\"outcome\":\"released\",\"message\":\"Released the lock of task "
                + "'task_sync' key 'tenant-1' for " + DAY + ".\"}");
        assertThat(completed.body()).isEqualTo("{\"outcome\":\"completed\",\"message\":\"Task 'task_sync' key "
                + "'tenant-2' is completed for " + DAY + ": a daily task's calls for that date skip with "
                + "already_completed (a recurring task reads no success key).\"}");
        assertThat(forgot.body()).isEqualTo("{\"outcome\":\"forgotten\",\"message\":\"Task 'task_sync' key "
                + "'tenant-2' is no longer completed for " + DAY + ": its next call for that date runs it.\"}");
        assertThat(unkeyed.body()).isEqualTo("{\"outcome\":\"completed\",\"message\":\"Task 'task_sync' is "
                + "completed for " + DAY + ": a daily task's calls for that date skip with already_completed (a "
                + "recurring task reads no success key).\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).isEqualTo("{\"error\":\"the query gives 'key' more than once: give it once\"}");
        assertThat(redis.keyspace()).containsExactly("lock:task_sync:" + DAY + "=cd34ef56",
                "success:task_sync:" + DAY + "=completed");
        assertThat(get("/api/tasks/task_sync/runs?key=tenant-2").body()).contains(
                "\"action\":\"forget\",\"task\":\"task_sync\",\"key\":\"tenant-2\"",
                "\"action\":\"complete\",\"task\":\"task_sync\",\"key\":\"tenant-2\"")
                .doesNotContain("tenant-1", "\"key\":null");
        HttpResponse<String> bad = write("/api/tasks/task_sync/dates/" + DAY + "/release?key=a%23b&force=true");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"Task 'task_sync': key 'a#b' is invalid: use 1 to 200 characters "
                + "from [A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id or a hash) before passing them.\"}");
    }

    private HttpResponse<String> write(String path) throws IOException, InterruptedException {
        return http.send(post(path).header("Authorization", "Bearer " + TOKEN).header("Origin", origin()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWriteWithoutTheTokenIs401AndWritesNothing() throws Exception {
        assertRefusedUntouched(post("/api/tasks/task_report/dates/" + DAY + "/complete").build(), 401,
                "This write needs the console's token (printed at start, or given with --token or "
                        + "$GUARDEDTASK_CONSOLE_TOKEN): paste it into the token field, or send it as 'Authorization: "
                        + "Bearer TOKEN'");
    }

    @Test
    void aWriteWithAWrongTokenIs403AndWritesNothing() throws Exception {
        assertRefusedUntouched(post("/api/tasks/task_report/dates/" + DAY + "/complete")
                        .header("Authorization", "Bearer " + TOKEN + "x").build(), 403,
                "Wrong token: use the one the console printed at start, or the one it was given (--token, "
                        + "$GUARDEDTASK_CONSOLE_TOKEN), as 'Authorization: Bearer TOKEN'");
    }

    @Test
    void aWriteFromAnotherOriginIs403EvenWithTheToken() throws Exception {
        assertRefusedUntouched(post("/api/tasks/task_report/dates/" + DAY + "/complete")
                        .header("Authorization", "Bearer " + TOKEN).header("Origin", "http://evil.example").build(),
                403,
                "Origin 'http://evil.example' is not this console's (http://127.0.0.1:" + console.port()
                        + "): writes come only from the console's own page");
    }

    @Test
    void aWriteIsPostOnly() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/api/tasks/task_report/dates/" + DAY
                        + "/complete")).PUT(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = get("/api/tasks/task_report/dates/" + DAY + "/complete");

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(redis.get("success:task_report:" + DAY)).isNull();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/tasks/task_report/dates/" + DAY
                        + "/complete")).POST(HttpRequest.BodyPublishers.ofString("x".repeat(2_000)))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(redis.get("success:task_report:" + DAY)).isNull();
    }

    @Test
    void aHostOtherThanTheConsolesIsRefused() throws Exception {
        int port = console.port();

        assertThat(rawGet("evil.example:" + port)).startsWith("HTTP/1.1 403 ")
                .endsWith("{\"error\":\"Host 'evil.example:" + port + "' is not this console's address (a page of "
                        + "another site may be trying to reach it): open the console as http://127.0.0.1:" + port
                        + "/\"}");
        assertThat(rawGet("127.0.0.1:" + (port + 1))).startsWith("HTTP/1.1 403 ")
                .contains("does not name this console's port " + port);
        assertThat(rawGet("localhost:" + port)).startsWith("HTTP/1.1 200 ");
        assertThat(rawGet("127.0.0.1:" + port)).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void onEveryInterfaceItWarnsTakesAnyIpAddressAsHostAndNeverLogsTheToken() throws Exception {
        console.close();
        String output;
        try (CapturedOutput captured = CapturedOutput.start()) {
            console = ConsoleServer.builder(guard.operator()).bind("0.0.0.0").port(0).token(TOKEN).clock(clock)
                    .start();
            assertThat(rawGet("10.1.2.3:" + console.port())).startsWith("HTTP/1.1 200 ");
            assertThat(rawGet("evil.example:" + console.port())).startsWith("HTTP/1.1 403 ");
            http.send(post("/api/tasks/task_report/dates/" + DAY + "/complete").header("Authorization", "Bearer "
                    + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            http.send(post("/api/tasks/task_report/dates/" + DAY + "/forget").header("Authorization", "Bearer "
                    + TOKEN + "x").build(), HttpResponse.BodyHandlers.ofString());
            output = captured.text();
        }

        assertThat(console.uri().toString()).isEqualTo("http://0.0.0.0:" + console.port() + "/");
        assertThat(output).contains("WARN dev.guardedtask.console.ConsoleServer - The console listens on "
                + "http://0.0.0.0:"
                + console.port() + "/: anyone who can reach that address can read every task, run and lock it shows "
                + "(writes still need the token). Bind it to 127.0.0.1 unless that is meant.").doesNotContain(TOKEN);
        assertThat(redis.get("success:task_report:" + DAY)).isEqualTo("completed");
    }

    @Test
    void readOnlyRefusesWritesWith403AndSaysSo() throws Exception {
        try (ConsoleServer readOnly = ConsoleServer.builder(guard.operator()).port(0).token(TOKEN).readOnly(true)
                .clock(clock).start()) {
            String base = readOnly.uri().toString();
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(base + "api/console")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Long> before = redis.commandCalls();
            HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(base + "api/tasks/task_report/"
                            + "dates/" + DAY + "/complete")).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(info.body()).isEqualTo("{\"now\":\"" + TestClocks.NOW + "\",\"read_only\":true}");
            assertThat(write.statusCode()).isEqualTo(403);
            assertThat(write.body()).isEqualTo("{\"error\":\"This console is read-only (--read-only): it makes no "
                    + "writes. Start it without --read-only to release, forget or complete.\"}");
            assertThat(redis.commandsSince(before)).isEmpty();
        }
    }

    @Test
    void aGeneratedTokenIs32RandomBytesInBase64Url() {
        try (ConsoleServer generated = ConsoleServer.builder(guard.operator()).port(0).clock(clock).start()) {
            assertThat(generated.token()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(ConsoleServer.newToken());
        }
    }

    @Test
    void aShortTokenIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> ConsoleServer.builder(guard.operator()).token("secret s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Console token (8 characters) must be 16 or more printable ASCII characters without "
                        + "spaces; leave it out and the console makes one");
    }

    @Test
    void closeStopsListeningAndTheServersThreads() throws Exception {
        get("/api/tasks");
        assertThat(threads()).isNotEmpty();

        console.close();

        assertThatThrownBy(() -> get("/api/tasks")).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> threads().isEmpty());
    }

    private void assertRefusedUntouched(HttpRequest request, int status, String message) throws Exception {
        Map<String, Long> before = redis.commandCalls();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo("{\"error\":\"" + message + "\"}");
        assertThat(redis.commandsSince(before)).isEmpty();
    }

    private static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("guardedtask-console-")).collect(java.util.stream.Collectors.toSet());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private URI uri(String path) {
        return console.uri().resolve(path);
    }

    private String origin() {
        return "http://127.0.0.1:" + console.port();
    }

    /** A GET of /api/tasks with this Host header, on a socket: the JDK's client will not send another host. */
    private String rawGet(String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", console.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/tasks HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
