package dev.guardedtask;

import dev.guardedtask.testsupport.CapturedOutput;
import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.SystemRedis;
import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AUTH through the Redisson YAML configuration ({@code password}, {@code username}) on Debian's
 * {@code redis-server} 7.0 ({@link SystemRedis}) with {@code requirepass} and an ACL user limited to its key
 * prefix: the right credentials run a daily task once; a wrong or missing password is refused in one line
 * naming the cause; and no password appears in any message, exception cause or line of output (everything
 * the JVM prints during each test is captured and searched).
 */
class AuthIT {

    static final String DEFAULT_PASSWORD = "pw-Def4u1t";
    static final String WORKER_PASSWORD = "pw-W0rk3r";

    @TempDir
    static Path folder;

    static EmbeddedRedis redis;

    private CapturedOutput output;

    @BeforeAll
    static void startServer() {
        redis = EmbeddedRedis.start(SystemRedis.binary(), "requirepass " + DEFAULT_PASSWORD,
                "user worker on >" + WORKER_PASSWORD + " ~myapp:* +@all");
    }

    @AfterAll
    static void stopServer() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void captureOutput() {
        output = CapturedOutput.start();
    }

    @AfterEach
    void noPasswordWasPrinted() {
        output.close();
        assertThat(output.text()).as("Redisson's log lines were captured").contains("org.redisson.")
                .doesNotContain(DEFAULT_PASSWORD).doesNotContain(WORKER_PASSWORD);
    }

    private static int port() {
        return URI.create(redis.uri()).getPort();
    }

    private static Path yaml(String name, String credentials) throws IOException {
        return Files.writeString(folder.resolve(name), credentials + """
                singleServerConfig:
                  address: "redis://127.0.0.1:%d"
                  connectTimeout: 2000
                  timeout: 2000
                  retryAttempts: 0
                """.formatted(port()));
    }

    private static TaskGuard guard(Path file, String prefix) {
        return TaskGuard.builder().redissonConfig(file).keyPrefix(prefix).clock(TestClocks.fixed()).build();
    }

    /** The daily task runs, then is skipped as completed; the keys it left, read as the default user. */
    private static void runsOnceThenSkips(Path file, String prefix) {
        int[] runs = new int[1];
        try (TaskGuard guard = guard(file, prefix)) {
            TaskResult first = guard.run(TaskOptions.daily("task_auth"), null, r -> runs[0]++);
            TaskResult second = guard.run(TaskOptions.daily("task_auth"), null, r -> runs[0]++);

            assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
            assertThat(runs[0]).isEqualTo(1);
        }
        try (Jedis admin = new Jedis("127.0.0.1", port())) {
            admin.auth(DEFAULT_PASSWORD);
            assertThat(admin.keys(prefix + "*")).containsExactlyInAnyOrder(
                    prefix + "success:task_auth:" + TestClocks.TODAY, prefix + "fence:task_auth",
                    prefix + "history:task_auth", prefix + "stats:task_auth");
        }
    }

    private static String printed(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void thePasswordOfRequirepassRunsADailyTaskOnce() throws IOException {
        Path file = yaml("requirepass.yaml", "password: \"" + DEFAULT_PASSWORD + "\"\n");

        runsOnceThenSkips(file, "requirepass:");
    }

    @Test
    void anAclUserLimitedToItsPrefixRunsADailyTaskOnce() throws IOException {
        Path file = yaml("worker.yaml", "username: \"worker\"\npassword: \"" + WORKER_PASSWORD + "\"\n");

        runsOnceThenSkips(file, "myapp:");
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineNamingTheCauseAndNotThePassword() throws IOException {
        Path file = yaml("wrong.yaml", "username: \"worker\"\npassword: \"wrong-" + WORKER_PASSWORD + "\"\n");

        assertThatThrownBy(() -> guard(file, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis with the Redisson configuration '" + file + "': Redis answered "
                        + "WRONGPASS invalid username-password pair or user is disabled. Check the user name and "
                        + "password in the Redisson configuration '" + file + "'.")
                .satisfies(e -> assertThat(printed(e)).as("the message, every cause and toString")
                        .doesNotContain(WORKER_PASSWORD));
    }

    @Test
    void aWrongPasswordOfTheDefaultUserIsRefusedToo() throws IOException {
        Path file = yaml("wrong-default.yaml", "password: \"" + DEFAULT_PASSWORD + "-wrong\"\n");

        assertThatThrownBy(() -> guard(file, ""))
                .hasMessage("Cannot connect to Redis with the Redisson configuration '" + file + "': Redis answered "
                        + "WRONGPASS invalid username-password pair or user is disabled. Check the user name and "
                        + "password in the Redisson configuration '" + file + "'.")
                .satisfies(e -> assertThat(printed(e)).doesNotContain(DEFAULT_PASSWORD));
    }

    @Test
    void noPasswordIsRefusedNamingWhereItGoes() throws IOException {
        Path file = yaml("none.yaml", "");

        assertThatThrownBy(() -> guard(file, ""))
                .hasMessage("Cannot connect to Redis with the Redisson configuration '" + file + "': Redis answered "
                        + "NOAUTH Authentication required. Give the password in the Redisson configuration '" + file
                        + "'.");
    }

    @Test
    void theAclUserCannotWriteOutsideItsPrefixAndTheRefusalShowsNoPassword() throws IOException {
        Path file = yaml("outside.yaml", "username: \"worker\"\npassword: \"" + WORKER_PASSWORD + "\"\n");

        try (TaskGuard guard = guard(file, "other:")) {
            assertThatThrownBy(() -> guard.run(TaskOptions.daily("task_auth"), null, r -> { }))
                    .isInstanceOf(TaskError.class)
                    .satisfies(e -> assertThat(((TaskError) e).result().reason()).isEqualTo("backend_refused"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("NOPERM"))
                    .satisfies(e -> assertThat(printed(e)).doesNotContain(WORKER_PASSWORD));
        }
    }
}
