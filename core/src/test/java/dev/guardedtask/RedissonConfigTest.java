package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code TaskGuard.builder().redissonConfig(...)}: a Redisson YAML file or URL, on a single server. */
class RedissonConfigTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String PASSWORD = "pw-Yq42";

    @TempDir
    Path folder;

    private Path yaml(String text) throws IOException {
        return Files.writeString(folder.resolve("redisson.yaml"), text);
    }

    private static String singleServer(int port) {
        return """
                singleServerConfig:
                  address: "redis://127.0.0.1:%d"
                  connectTimeout: 2000
                  timeout: 2000
                  retryAttempts: 0
                """.formatted(port);
    }

    private static int port() {
        return URI.create(redis.uri()).getPort();
    }

    @Test
    void aSingleServerYamlRunsADailyTaskOnceThenSkipsItAsAlreadyCompleted() throws IOException {
        Path file = yaml(singleServer(port()));
        int[] runs = new int[1];
        try (TaskGuard guard = TaskGuard.builder().redissonConfig(file).clock(TestClocks.fixed()).build()) {
            TaskResult first = guard.run(TaskOptions.daily("task_daily_report"), null, r -> runs[0]++);
            TaskResult second = guard.run(TaskOptions.daily("task_daily_report"), null, r -> runs[0]++);

            assertThat(guard.keyScheme()).isEqualTo(KeyScheme.PLAIN);
            assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo("already_completed");
            assertThat(runs[0]).isEqualTo(1);
            assertThat(redis.keyspace()).containsExactly("success:task_daily_report:" + TestClocks.TODAY + "=completed");
        }
    }

    @Test
    void aUrlIsReadAsAFileIsAndTheGuardShutsItsClientDownOnClose() throws IOException {
        Path file = yaml(singleServer(port()));
        long before = connectedClients();
        TaskGuard guard = TaskGuard.builder().redissonConfig(file.toUri().toURL()).clock(TestClocks.fixed()).build();

        assertThat(guard.run(TaskOptions.daily("task_x"), null, r -> { }).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.keyspace()).containsExactly("success:task_x:" + TestClocks.TODAY + "=completed");
        assertThat(connectedClients()).isEqualTo(before + 25); // Redisson's default pool: 24 idle and 1 for pub/sub
        guard.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> connectedClients() == before);
    }

    private static long connectedClients() {
        return Long.parseLong(redis.client().getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(InfoSection.CLIENTS).get("connected_clients"));
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = folder.resolve("nowhere.yaml");

        assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redisson configuration '" + missing + "' does not exist (absolute path: " + missing
                        + "): give the path of a Redisson YAML file.");
    }

    @Test
    void invalidYamlIsRefusedNamingTheFileAndTheParseErrorsFirstLine() throws IOException {
        Path file = yaml("singleServerConfig:\n  address: \"redis://127.0.0.1:6379\"\n  password: \"" + PASSWORD
                + "\"\n  conectTimeout: 2000\n");

        assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redisson configuration '" + file + "' is not a valid Redisson YAML configuration: "
                        + "Cannot create property=conectTimeout for JavaBean=org.redisson.config.SingleServerConfig: "
                        + "no such setting (line 4, column 18) (see https://redisson.pro/docs/configuration/).");
    }

    @Test
    void aBadValueIsQuotedButNeverThePassword() throws IOException {
        String password = "Yq42secret"; // pasted into the wrong line: SnakeYAML quotes it
        Path file = yaml("singleServerConfig:\n  password: \"" + password + "\"\n  timeout: " + password + "\n");

        assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redisson configuration '" + file + "' is not a valid Redisson YAML configuration: "
                        + "Cannot create property=timeout for JavaBean=org.redisson.config.SingleServerConfig: "
                        + "For input string: \"***\" (line 3, column 12) (see https://redisson.pro/docs/configuration/).");
    }

    @Test
    void aBadValueIsQuotedButNeverAPasswordThatCameFromAVariable() throws IOException {
        String password = "Zz9secret";
        System.setProperty("guardedtask.test.password", password); // Redisson reads ${...} from system properties too
        try {
            Path file = yaml("singleServerConfig:\n  password: \"${guardedtask.test.password}\"\n"
                    + "  timeout: ${guardedtask.test.password}\n");

            assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Redisson configuration '" + file + "' is not a valid Redisson YAML configuration: "
                            + "Cannot create property=timeout for JavaBean=org.redisson.config.SingleServerConfig: "
                            + "For input string: \"***\" (line 3, column 12) (see https://redisson.pro/docs/configuration/).");
        } finally {
            System.clearProperty("guardedtask.test.password");
        }
    }

    @Test
    void yamlThatIsNotYamlIsRefused() throws IOException {
        Path file = yaml("singleServerConfig: [\n  address: {\n");

        assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redisson configuration '" + file + "' is not a valid Redisson YAML configuration: "
                        + "while parsing a flow node: expected the node content, but found '<stream end>' "
                        + "(line 3, column 1) (see https://redisson.pro/docs/configuration/).");
    }

    @Test
    void aYamlPointingAtADeadServerSaysNothingListensThere() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = yaml(singleServer(closedPort).replace("  timeout:", "  password: \"" + PASSWORD + "\"\n  timeout:"));
        TaskGuard.Builder builder = TaskGuard.builder().redissonConfig(file).clock(TestClocks.fixed());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis with the Redisson configuration '" + file + "': nothing listens "
                        + "at that host and port (Connection refused: 127.0.0.1/127.0.0.1:" + closedPort + "). Start "
                        + "the server, or check the host and port in the Redisson configuration '" + file + "'.");
    }

    @Test
    void aUriAndAYamlTogetherAreTwoStores() throws IOException {
        Path file = yaml(singleServer(port()));
        TaskGuard.Builder builder = TaskGuard.builder().redis(redis.uri()).redissonConfig(file).clock(TestClocks.fixed());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TaskGuard.builder(): choose exactly one store, 2 were chosen: .redisson(client), "
                        + ".redis(\"redis://localhost:6379/0\"), .redissonConfig(Path.of(\"redisson.yaml\")) or "
                        + ".inMemory().");
    }
}
