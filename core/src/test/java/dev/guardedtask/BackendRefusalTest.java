package dev.guardedtask;

import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A guard on the user's own RedissonClient whose login or commands Redis refuses at the first run: the
 * {@code backend_refused} error quotes Redis's answer and says that it is a configuration error, which no
 * later call cures, where an outage ({@code backend_unavailable}) says that the next call tries again.
 */
class BackendRefusalTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String PASSWORD = "pw-Zq81";
    static final String DAY = TestClocks.TODAY;

    static EmbeddedRedis protectedServer;

    private final AtomicInteger bodyRuns = new AtomicInteger();

    @BeforeAll
    static void startProtectedServer() {
        protectedServer = EmbeddedRedis.start("requirepass " + PASSWORD);
    }

    @AfterAll
    static void stopProtectedServer() {
        protectedServer.close();
    }

    /** A client that connects at its first command, as with {@code lazyInitialization}: build() cannot notice. */
    private static RedissonClient lazyClient(int port, String user, String password) {
        Config config = new Config().setLazyInitialization(true).setUsername(user).setPassword(password);
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setConnectTimeout(1_000).setTimeout(1_000)
                .setRetryAttempts(0); // Redisson's default retries make each first run take about 11 s
        return Redisson.create(config);
    }

    private TaskError firstRunOn(RedissonClient client) {
        try (TaskGuard guard = TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).build()) {
            return catchThrowableOfType(TaskError.class,
                    () -> guard.run(TaskOptions.daily("report"), DAY, r -> bodyRuns.incrementAndGet()));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorNotAnOutage() {
        TaskError error = firstRunOn(lazyClient(protectedServer.port(), null, "wrong-" + PASSWORD));

        assertThat(error).hasMessage("Task 'report' for " + DAY + " did not run: Redis refused ACQUIRE on lock:report:"
                + DAY + ": WRONGPASS invalid username-password pair or user is disabled. The body was not run; this "
                + "is a configuration error, not an outage: every call fails the same way until you fix it: check the "
                + "user name and password in the guard's URI or RedissonClient Config.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_REFUSED);
        assertThat(error.result().errors()).containsExactly("Redis refused ACQUIRE on lock:report:" + DAY
                + ": WRONGPASS invalid username-password pair or user is disabled");
        assertThat(bodyRuns).hasValue(0);
    }

    @Test
    void noPasswordIsAConfigurationError() {
        TaskError error = firstRunOn(lazyClient(protectedServer.port(), null, null));

        assertThat(error).hasMessage("Task 'report' for " + DAY + " did not run: Redis refused ACQUIRE on lock:report:"
                + DAY + ": NOAUTH Authentication required. The body was not run; this is a configuration error, not an "
                + "outage: every call fails the same way until you fix it: give the password in the guard's URI or "
                + "RedissonClient Config.");
    }

    @Test
    void anAclUserWithoutEvalshaIsAConfigurationErrorPointingToTheAclList() {
        int port = URI.create(redis.uri()).getPort();
        try (Jedis admin = new Jedis("127.0.0.1", port)) {
            admin.aclSetUser("no_evalsha", "reset", "on", ">" + PASSWORD, "~*", "+@all", "-evalsha");
        }

        TaskError error = firstRunOn(lazyClient(port, "no_evalsha", PASSWORD));

        assertThat(error).hasMessage("Task 'report' for " + DAY + " did not run: Redis refused ACQUIRE on lock:report:"
                + DAY + ": NOPERM this user has no permissions to run the 'evalsha' command or its subcommand. The "
                + "body was not run; this is a configuration error, not an outage: every call fails the same way until "
                + "you fix it: grant the ACL user the commands and keys listed in docs/operations.md#acl.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_REFUSED);
        assertThat(bodyRuns).hasValue(0);
    }

    @Test
    void nothingListeningIsAnOutageTheNextCallTriesAgain() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        TaskError error = firstRunOn(lazyClient(closedPort, null, null));

        assertThat(error).hasMessage("Task 'report' for " + DAY + " did not run: Redis did not answer ACQUIRE on "
                + "lock:report:" + DAY + ": nothing listens at that host and port (Connection refused: "
                + "127.0.0.1/127.0.0.1:" + closedPort + "). The body was not run; check that Redis is reachable, the "
                + "next call tries again.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_UNAVAILABLE);
        assertThat(bodyRuns).hasValue(0);
    }
}
