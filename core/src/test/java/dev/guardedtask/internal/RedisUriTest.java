package dev.guardedtask.internal;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisUriTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String FORM = "redis://[user:password@]host[:port][/database], e.g. redis://localhost:6379/0";

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            // uri,                                      scheme, user,  password, host,       port, database
            "redis://localhost,                           redis,  none,  none,     localhost,  6379, 0",
            "redis://localhost/,                          redis,  none,  none,     localhost,  6379, 0",
            "rediss://cache.example.com:6380/6,           rediss, none,  none,     cache.example.com, 6380, 6",
            "redis://:secret@127.0.0.1:7000/15,           redis,  none,  secret,   127.0.0.1,  7000, 15",
            "redis://alice:s:e:c@h:1/0,                   redis,  alice, s:e:c,    h,          1,    0",
            "redis://token@h,                             redis,  none,  token,    h,          6379, 0",
            "redis://us%3Aer:p%40ss%2Fw%3Ard%25@h:65535,  redis,  us:er, p@ss/w:rd%, h,        65535, 0",
            "redis://%C3%A9l%C3%A8ve:mot%20de%20passe@h:1, redis, élève, mot de passe, h,     1,    0",
    })
    void partsAndDefaults(String text, String scheme, String user, String password, String host, int port, int database) {
        assertThat(RedisUri.parse(text)).isEqualTo(new RedisUri(scheme, user, password, host, port, database));
    }

    @Test
    void toStringHidesThePasswordAndShowsTheDefaults() {
        assertThat(RedisUri.parse("redis://alice:secret@h/2")).hasToString("redis://***@h:6379/2");
        assertThat(RedisUri.parse("rediss://h:6380")).hasToString("rediss://h:6380/0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:6379     | 'http://localhost:6379' is invalid: the scheme must be redis or rediss",
            "localhost:6379            | 'localhost:6379' is invalid: the scheme must be redis or rediss",
            "redis:///0                | 'redis:///0' is invalid: it has no host",
            "redis://h/db1             | 'redis://h/db1' is invalid: the path must be a database number such as /0",
            "redis://h/-1              | 'redis://h/-1' is invalid: the path must be a database number such as /0",
            "re dis://x                | 're dis://x' is invalid: it is not a URI",
            "redis://127.0.0.1:99999   | 'redis://127.0.0.1:99999' is invalid: the port 99999 is not from 1 to 65535",
            "redis://h:0/0             | 'redis://h:0/0' is invalid: the port 0 is not from 1 to 65535",
            "redis://h:-1              | 'redis://h:-1' is invalid: the port -1 is not from 1 to 65535",
            "redis://h:99999999999/0   | 'redis://h:99999999999/0' is invalid: the port 99999999999 is not from 1 to 65535",
            "redis://h:6379/0#frag     | 'redis://h:6379/0#frag' is invalid: it has a fragment (#frag), which means "
                    + "nothing in a Redis address: remove it",
    })
    void invalidUrisSayWhyAndTheForm(String text, String message) {
        assertThatThrownBy(() -> RedisUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI " + message + ". Expected " + FORM + ".");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://h:6379/0?x=1                | 'redis://h:6379/0?x=***' is invalid: it has a query (?x=***)",
            "redis://h?password=pw-Zq81&db=2     | 'redis://h?password=***&db=***' is invalid: it has a query "
                    + "(?password=***&db=***)",
            "redis://h/0?                        | 'redis://h/0?' is invalid: it has a query (?)",
    })
    void aQueryIsRefusedWithItsValuesMasked(String text, String message) {
        assertThatThrownBy(() -> RedisUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI " + message + ", which guardedtask does not read: remove it; for other client "
                        + "settings, configure your own RedissonClient and pass it with "
                        + "TaskGuard.builder().redisson(client). Expected " + FORM + ".");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // an unencoded '/', '@', '#', '?' ends the user information early, or '%' starts no escape
            "redis://:pa/ss@127.0.0.1:1/0               | 'redis://***@127.0.0.1:1/0' is invalid: the user name or password holds a character that ends it early ('@', '/', '?' or '#')",
            "redis://user:top@secret@127.0.0.1:6379/0   | 'redis://***@127.0.0.1:6379/0' is invalid: the user name or password holds a character that ends it early ('@', '/', '?' or '#')",
            "redis://:p#w@h:6379/0                      | 'redis://***@h:6379/0' is invalid: the user name or password holds a character that ends it early ('@', '/', '?' or '#')",
            "redis://:p?w@h:6379/0                      | 'redis://***@h:6379/0' is invalid: the user name or password holds a character that ends it early ('@', '/', '?' or '#')",
            "redis://:p%zz@h:6379/0                     | 'redis://***@h:6379/0' is invalid: it is not a URI",
            "redis://u:secret@h/x       | 'redis://***@h/x' is invalid: the path must be a database number such as /0",
            "redis://:s@cr/et@h:6379    | 'redis://***@h:6379' is invalid: the path must be a database number such as /0",
            "redis://:secret@h:99999999999 | 'redis://***@h:99999999999' is invalid: the port 99999999999 is not "
                    + "from 1 to 65535",
            "redis:user:secret@h        | 'redis:***@h' is invalid: it has no host",
    })
    void aUriWithUserInformationIsShownMaskedUpToItsLastAtAndTheMessageSaysToPercentEncode(String text, String message) {
        assertThatThrownBy(() -> RedisUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI " + message + ". Expected " + FORM + ". If the user or password has special "
                        + "characters, percent-encode them: @ as %40, / as %2F, : as %3A, ? as %3F, # as %23, % as %25.");
    }

    @Test
    void aNullUriIsInvalid() {
        assertThatThrownBy(() -> RedisUri.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Redis URI null is invalid: it is not a URI.");
    }

    @Test
    void theClientLogsInAsTheUserWithThePasswordOnTheDatabase() {
        URI address = URI.create(redis.uri());
        try (Jedis admin = new Jedis(address.getHost(), address.getPort())) { // the embedded server's own client
            admin.aclSetUser("alice", "on", ">s3cret", "~*", "+@all");
            RedissonClient client = RedisUri.parse("redis://alice:s3cret@" + address.getHost() + ":" + address.getPort() + "/3")
                    .connect();
            try {
                assertThat(admin.clientList().lines())
                        .anyMatch(line -> line.contains(" db=3 ") && line.contains(" user=alice "));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aUserAndPasswordWithSpecialCharactersLogInPercentEncoded() {
        URI address = URI.create(redis.uri());
        try (Jedis admin = new Jedis(address.getHost(), address.getPort())) {
            admin.aclSetUser("ops:team@1", "on", ">p@ss/w:rd?#%", "~*", "+@all");
            RedissonClient client = RedisUri.parse("redis://ops%3Ateam%401:p%40ss%2Fw%3Ard%3F%23%25@"
                    + address.getHost() + ":" + address.getPort() + "/0").connect();
            try {
                assertThat(admin.clientList().lines()).anyMatch(line -> line.contains(" user=ops:team@1 "));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void theClientLogsInWithoutRedissonsDeprecationWarnings() {
        URI address = URI.create(redis.uri());
        try (Jedis admin = new Jedis(address.getHost(), address.getPort())) {
            admin.aclSetUser("bob", "on", ">s3cret", "~*", "+@all");
        }
        PrintStream original = System.err; // where slf4j-simple writes, looked up at each line
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RedissonClient client;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            client = RedisUri.parse("redis://bob:s3cret@127.0.0.1:" + address.getPort() + "/0").connect();
        } finally {
            System.setErr(original);
        }
        // The guard sends only plain strings: Redisson need not check each argument for an object to reference.
        // (Here, not in a test of its own: Redisson logs its version only at the JVM's first client, which
        // this test's capture relies on.)
        boolean references = client.getConfig().isReferenceEnabled();
        client.shutdown();

        assertThat(references).as("Redisson object references").isFalse();

        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("INFO org.redisson.Version - Redisson ") // the log was captured
                .doesNotContain("deprecated");
    }

    @Test
    void aServerThatIsNotThereFailsTheConnectionNamingTheAddressWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RedisUri uri = RedisUri.parse("redis://:secret@127.0.0.1:" + closedPort + "/3");

        assertThatThrownBy(uri::connect)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at redis://***@127.0.0.1:" + closedPort + "/3: nothing listens at "
                        + "that host and port (Connection refused: 127.0.0.1/127.0.0.1:" + closedPort + "). Start the "
                        + "server, or check the host and port in the URI.")
                .hasCauseInstanceOf(RedisConnectionException.class);
    }
}
