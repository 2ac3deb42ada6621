package dev.guardedtask;

import com.sun.net.httpserver.HttpServer;
import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.RedisConnectionException;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A guard built with {@code redis(uri)} that cannot connect: the message says what Redis answered, or
 * why nothing answered, and the fix, and never shows the password. Against real servers: one with
 * {@code requirepass}, one with ACL users ({@link RedisExtension}), a closed port, a socket that never
 * answers, a name under {@code .invalid} (RFC 2606).
 */
class ConnectionErrorTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String PASSWORD = "pw-Zq81";

    static EmbeddedRedis protectedServer;

    @BeforeAll
    static void startProtectedServer() {
        protectedServer = EmbeddedRedis.start("requirepass " + PASSWORD);
    }

    @AfterAll
    static void stopProtectedServer() {
        protectedServer.close();
    }

    private static TaskGuard guard(String uri) {
        return TaskGuard.builder().redis(uri).clock(TestClocks.fixed()).build();
    }

    private static String protectedAt(String credentials) {
        return "redis://" + credentials + "127.0.0.1:" + protectedServer.port() + "/0";
    }

    private static int port() {
        return URI.create(redis.uri()).getPort();
    }

    @Test
    void aWrongPasswordQuotesWrongpassAndSaysToCheckTheUserAndPassword() {
        assertThatThrownBy(() -> guard(protectedAt(":wrong-" + PASSWORD + "@")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + protectedServer.port() + "/0: "
                        + "Redis answered WRONGPASS invalid username-password pair or user is disabled. "
                        + "Check the user name and password in the URI.")
                .hasRootCauseInstanceOf(org.redisson.client.RedisWrongPasswordException.class);
    }

    @Test
    void noPasswordForAProtectedServerQuotesNoauthAndShowsWhereThePasswordGoes() {
        assertThatThrownBy(() -> guard(protectedAt("")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at redis://127.0.0.1:" + protectedServer.port() + "/0: "
                        + "Redis answered NOAUTH Authentication required. Give the password in the URI: "
                        + "redis://:password@host:port/db, or redis://user:password@host:port/db for an ACL user.");
    }

    @Test
    void thePasswordIsRightForTheProtectedServer() {
        try (TaskGuard guard = TaskGuard.builder().redis(protectedAt(":" + PASSWORD + "@")).clock(TestClocks.fixed())
                .build()) {
            assertThat(guard.run(TaskOptions.recurring("t"), TestClocks.TODAY, r -> { }).status())
                    .isEqualTo(TaskStatus.SUCCESS);
        }
    }

    @Test
    void anAclUserWithoutPingQuotesNopermAndPointsToTheAclList() {
        try (Jedis admin = new Jedis("127.0.0.1", port())) {
            admin.aclSetUser("no_ping", "reset", "on", ">" + PASSWORD, "~*", "+@all", "-ping");
        }

        assertThatThrownBy(() -> guard("redis://no_ping:" + PASSWORD + "@127.0.0.1:" + port() + "/0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + port() + "/0: Redis answered NOPERM "
                        + "this user has no permissions to run the 'ping' command or its subcommand. Grant the ACL "
                        + "user the commands and keys listed in docs/operations.md#acl.");
    }

    @Test
    void anAclUserWithoutSelectCannotUseDatabaseThree() {
        try (Jedis admin = new Jedis("127.0.0.1", port())) {
            admin.aclSetUser("no_select", "reset", "on", ">" + PASSWORD, "~*", "+@all", "-select");
        }

        assertThatThrownBy(() -> guard("redis://no_select:" + PASSWORD + "@127.0.0.1:" + port() + "/3"))
                .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + port() + "/3: Redis answered NOPERM "
                        + "this user has no permissions to run the 'select' command or its subcommand. Grant the ACL "
                        + "user the commands and keys listed in docs/operations.md#acl.");
    }

    @Test
    void aPasswordForAServerWithoutOneQuotesRedisQuestion() {
        assertThatThrownBy(() -> guard("redis://:" + PASSWORD + "@127.0.0.1:" + port() + "/0"))
                .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + port() + "/0: Redis answered ERR "
                        + "AUTH <password> called without any password configured for the default user. Are you sure "
                        + "your configuration is correct? Check the user name and password in the URI.");
    }

    @Test
    void aDatabaseBeyondTheServersQuotesRedisError() {
        assertThatThrownBy(() -> guard("redis://127.0.0.1:" + port() + "/16")) // databases 16: 0 to 15
                .hasMessage("Cannot connect to Redis at redis://127.0.0.1:" + port() + "/16: Redis answered ERR DB "
                        + "index is out of range. Check the URI and the server's settings against Redis's answer.");
    }

    @Test
    void aClosedPortSaysNothingListensThere() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> guard("redis://:" + PASSWORD + "@127.0.0.1:" + closedPort + "/0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + closedPort + "/0: nothing listens at "
                        + "that host and port (Connection refused: 127.0.0.1/127.0.0.1:" + closedPort + "). Start the "
                        + "server, or check the host and port in the URI.")
                .hasCauseInstanceOf(RedisConnectionException.class);
    }

    @Test
    void anUnknownHostSaysTheNameDoesNotResolve() {
        // The resolver's own words depend on the network (NXDOMAIN here); what is ours is pinned.
        assertThatThrownBy(() -> guard("redis://:" + PASSWORD + "@redis.guardedtask.invalid:6379/0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot connect to Redis at redis://***@redis.guardedtask.invalid:6379/0: "
                        + "the host name does not resolve (")
                .hasMessageEndingWith("). Check the host name in the URI.")
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void aRedissUriToAPlainServerSaysTheServerDoesNotSpeakTls() {
        assertThatThrownBy(() -> guard("rediss://:" + PASSWORD + "@127.0.0.1:" + port() + "/0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at rediss://***@127.0.0.1:" + port() + "/0: the server did not "
                        + "answer the TLS handshake (handshake timed out after 2000ms). The server does not seem to "
                        + "use TLS: use redis:// for it.");
    }

    @Test
    void anHttpServerAtTheAddressIsSaidNotToBeRedisQuotingItsFirstWords() throws IOException {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.start();
        try {
            int webPort = web.getAddress().getPort();

            assertThatThrownBy(() -> guard("redis://127.0.0.1:" + webPort + "/0"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot connect to Redis at redis://127.0.0.1:" + webPort + "/0: what answered at that "
                            + "host and port is not Redis (it sent: HTTP/1.1 400 Bad Request). Check the "
                            + "host and port in the URI: they are another server's.");
        } finally {
            web.stop(0);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheMessageMentionsTls() throws IOException {
        // Connections are accepted by the kernel (backlog) and never read: a hung server, or a TLS one for redis://.
        try (ServerSocket silent = new ServerSocket(0)) {
            int silentPort = silent.getLocalPort();

            assertThatThrownBy(() -> guard("redis://:" + PASSWORD + "@127.0.0.1:" + silentPort + "/0"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + silentPort + "/0: timed out "
                            + "after 2000 ms (Command execution timeout for command: (AUTH), params: (password "
                            + "masked), Redis client: [addr=redis://127.0.0.1:" + silentPort + ",127.0.0.1/127.0.0.1:"
                            + silentPort + "]). "
                            + "Check that the server runs and is not overloaded; a TLS server does not answer redis:// "
                            + "either: use rediss:// for it.");
        }
    }
}
