package dev.guardedtask.spring;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.micrometer.TaskMetrics;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/guardedtask} of a whole Spring Boot application (web server on a random port, every
 * auto-configuration on the class path): the exact JSON before any run, while a run holds its lock, and after runs;
 * the guide's example has its fields.
 */
class GuardedTaskEndpointTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final String NOW = "2026-11-28T10:15:30Z";

    private ConfigurableApplicationContext app;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The application: its Redisson client and a fixed clock; the rest is auto-configured. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean(destroyMethod = "")
        RedissonClient redisson() {
            return redis.client();
        }

        @Bean
        Clock clock() {
            return TestClocks.fixed();
        }
    }

    @BeforeEach
    void start() {
        app = new SpringApplicationBuilder(App.class).properties(Map.of(
                "server.port", "0",
                "management.endpoints.web.exposure.include", "guardedtask",
                "guardedtask.worker-name", "node-1")).run();
    }

    @AfterEach
    void stop() {
        app.close();
        GuardedTasks.uninstall();
    }

    private String get() throws IOException, InterruptedException {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/guardedtask")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void withNothingRunTheEndpointListsNoLocksAndNoTasks() throws Exception {
        assertThat(get()).isEqualTo("{\"store\":\"redis\",\"locks\":[],\"tasks\":[]}");
        assertThat(app.getBean(TaskMetrics.class)).as("meters, after Boot's MeterRegistry").isNotNull();
        assertThat(GuardedTasks.installed()).containsSame(app.getBean(TaskGuard.class));
    }

    @Test
    void theEndpointShowsTheLockARunHoldsThenTheTasksLastRunsAndCounts() throws Exception {
        TaskGuard guard = app.getBean(TaskGuard.class);
        List<String> during = new ArrayList<>();

        TaskResult result = guard.run(TaskOptions.daily("report"), DAY, r -> during.add(get()));
        guard.run(TaskOptions.daily("report"), DAY, r -> { });

        String id = result.taskId();
        assertThat(during).hasSize(1);
        assertThat(during.get(0).replaceAll("\"timeLeftMs\":\\d+", "\"timeLeftMs\":T")).isEqualTo(
                "{\"store\":\"redis\",\"locks\":[{\"task\":\"report\",\"key\":null,\"date\":\"" + DAY + "\","
                        + "\"taskId\":\"" + id + "\",\"worker\":\"node-1\",\"started\":\"" + NOW + "\","
                        + "\"timeLeftMs\":T,\"lockTimeoutMs\":300000,\"fencingToken\":" + result.fencingToken() + "}],"
                        + "\"tasks\":[{\"name\":\"report\",\"successes\":0,\"failures\":0,\"skips\":{},\"running\":1,"
                        + "\"lastRuns\":[]}]}");
        long timeLeft = Long.parseLong(during.get(0).replaceAll(".*\"timeLeftMs\":(\\d+).*", "$1"));
        assertThat(timeLeft).isBetween(290_000L, 300_000L);

        assertThat(get()).isEqualTo("{\"store\":\"redis\",\"locks\":[],\"tasks\":[{\"name\":\"report\","
                + "\"successes\":1,\"failures\":0,\"skips\":{\"already_completed\":1},\"running\":0,"
                + "\"lastRuns\":[{\"action\":\"run\",\"key\":null,\"date\":\"" + DAY + "\",\"taskId\":\"" + id + "\","
                + "\"status\":\"success\",\"reason\":null,\"worker\":\"node-1\",\"started\":\"" + NOW + "\","
                + "\"ended\":\"" + NOW + "\",\"durationMs\":0}]}]}");
    }

    @Test
    void theGuidesExampleHasTheFieldsOfTheEndpointsJsonInTheirOrder() throws Exception {
        TaskGuard guard = app.getBean(TaskGuard.class);
        List<String> during = new ArrayList<>();
        guard.run(TaskOptions.daily("report"), DAY, r -> during.add(get()));
        guard.run(TaskOptions.daily("report"), DAY, r -> { });
        JsonNode actual = JsonMapper.shared().readTree(get());
        // the example shows a lock and a task's last run at once: take the lock from the read made during the run
        ((ObjectNode) actual).set("locks", JsonMapper.shared().readTree(during.get(0)).get("locks"));

        String guide = Files.readString(Path.of("..", "docs", "guide.md"));
        int section = guide.indexOf("\n## Spring Boot\n");
        int start = guide.indexOf("```json\n", section) + "```json\n".length();
        JsonNode example = JsonMapper.shared().readTree(guide.substring(start, guide.indexOf("```", start)));

        assertThat(shape(example)).isEqualTo(shape(actual));
    }

    /** The field names of {@code json}, nested, in order; an array by its first element. */
    private static String shape(JsonNode json) {
        if (json.isObject()) {
            StringBuilder fields = new StringBuilder("{");
            json.properties().forEach(e -> fields.append(e.getKey()).append(':').append(shape(e.getValue()))
                    .append(','));
            return fields.append('}').toString();
        }
        return json.isArray() && !json.isEmpty() ? "[" + shape(json.get(0)) + "]" : "";
    }

    @Test
    void onAnInMemoryGuardTheEndpointSaysSo() {
        Clock clock = TestClocks.fixed();
        try (TaskGuard memory = TaskGuard.builder().inMemory().clock(clock).build()) {
            assertThat(new GuardedTaskEndpoint(memory).guardedtask()).isEqualTo(Map.of(
                    "store", "memory", "locks", List.of(), "tasks", List.of(),
                    "note", "an in-memory TaskGuard (inMemory()) keeps no locks or history that other processes see; "
                            + "build it on Redis to list them here"));
        }
    }
}
