package dev.guardedtask;

import dev.guardedtask.testsupport.CapturedOutput;
import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.SystemRedis;
import dev.guardedtask.testsupport.TestCertificates;
import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS for real: Debian's {@code redis-server} 7.0 ({@link SystemRedis}; the embedded 6.2 has no TLS) speaking
 * only TLS, with a server certificate signed by a CA made for the test ({@link TestCertificates}), reached
 * through {@code rediss://} (the JVM's trust store) and through a Redisson YAML configuration's
 * {@code sslTruststore}; with the right CA a daily task runs once, with another one, or none, the guard is
 * not built and the one-line message names the untrusted certificate and the setting to give. A certificate
 * that does not name the host (refused unless {@code sslVerificationMode: CA_ONLY}), and both mismatches:
 * {@code redis://} to the TLS port, {@code rediss://} to a plain one.
 */
class TlsIT {

    static final String PASSWORD = "pw-Tls7c91";
    static final String JVM_TRUST_STORE = "javax.net.ssl.trustStore";

    @TempDir
    static Path folder;

    static TestCertificates right;
    static TestCertificates wrong;
    static EmbeddedRedis tls;
    static EmbeddedRedis plain;
    static TestCertificates misnamed;
    static EmbeddedRedis misnamedServer;

    @BeforeAll
    static void startServers() {
        File binary = SystemRedis.binary();
        right = TestCertificates.create(folder, "right");
        wrong = TestCertificates.create(folder, "wrong");
        // the default user stays open; an ACL user for the documented YAML
        tls = EmbeddedRedis.startTls(binary, right, "user guardedtask on >" + PASSWORD + " ~* +@all");
        plain = EmbeddedRedis.start(binary);
        misnamed = TestCertificates.create(folder, "misnamed", "redis.example.com");
        misnamedServer = EmbeddedRedis.startTls(binary, misnamed);
    }

    @AfterAll
    static void stopServers() {
        for (EmbeddedRedis server : new EmbeddedRedis[] {tls, plain, misnamedServer}) {
            if (server != null) {
                server.close(); // should one throw, the JVM's exit stops the rest (EmbeddedRedis's shutdown hook)
            }
        }
    }

    private static Path yaml(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private static String trusting(TestCertificates trusted, int port) {
        return """
                sslTruststore: "%s"
                sslTruststorePassword: "%s"
                singleServerConfig:
                  address: "rediss://127.0.0.1:%d"
                  connectTimeout: 2000
                  timeout: 2000
                  retryAttempts: 0
                """.formatted(trusted.trustStore().toUri(), trusted.trustStorePassword(), port);
    }

    private static int port(EmbeddedRedis redis) {
        return URI.create(redis.uri()).getPort();
    }

    /** The daily task runs, then is skipped as completed: exactly one run. Each test has a key prefix of its own. */
    private static void runsOnceThenSkips(Supplier<TaskGuard> build) {
        int[] runs = new int[1];
        try (TaskGuard guard = build.get()) {
            TaskResult first = guard.run(TaskOptions.daily("task_tls"), null, r -> runs[0]++);
            TaskResult second = guard.run(TaskOptions.daily("task_tls"), null, r -> runs[0]++);

            assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
            assertThat(runs[0]).isEqualTo(1);
        }
    }

    @Test
    void aYamlTrustingTheServersCaConnectsOverTlsAndRunsADailyTaskOnce() throws IOException {
        Path file = yaml("right.yaml", trusting(right, port(tls)));

        runsOnceThenSkips(() -> TaskGuard.builder().redissonConfig(file).keyPrefix("yaml:").clock(TestClocks.fixed())
                .build());
    }

    @Test
    void aRedissUriConnectsWhenTheJvmTrustStoreHoldsTheServersCa() {
        String before = System.getProperty(JVM_TRUST_STORE);
        System.setProperty(JVM_TRUST_STORE, right.trustStore().toString());
        System.setProperty(JVM_TRUST_STORE + "Password", right.trustStorePassword());
        try {
            runsOnceThenSkips(() -> TaskGuard.builder().redis(tls.uri()).keyPrefix("uri:").clock(TestClocks.fixed())
                    .build());
        } finally {
            System.clearProperty(JVM_TRUST_STORE + "Password");
            if (before == null) {
                System.clearProperty(JVM_TRUST_STORE);
            } else {
                System.setProperty(JVM_TRUST_STORE, before);
            }
        }
    }

    @Test
    void theDocumentedYamlWithAnAclUserConnectsOverTlsAndNoPasswordIsShown() throws IOException {
        String documented = documentedTlsYaml();
        Path file = yaml("documented.yaml", documented
                .replace("${REDIS_PASSWORD}", PASSWORD)
                .replace("file:/etc/app/redis-ca.p12", right.trustStore().toUri().toString())
                .replace("${TRUSTSTORE_PASSWORD}", right.trustStorePassword())
                .replace("redis.example.com:6380", "127.0.0.1:" + port(tls)));
        assertThat(Files.readString(file)).as("every placeholder replaced").doesNotContain("$").doesNotContain("example");

        try (CapturedOutput output = CapturedOutput.start()) {
            runsOnceThenSkips(() -> TaskGuard.builder().redissonConfig(file).keyPrefix("acl:").clock(TestClocks.fixed())
                    .build());
            output.close();
            assertThat(output.text()).contains("Redisson").doesNotContain(PASSWORD);
        }
    }

    /** The YAML example of docs/operations.md that names {@code file:/etc/app/redis-ca.p12}, without its indentation. */
    private static String documentedTlsYaml() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "operations.md"));
        int at = lines.indexOf("  sslTruststore: \"file:/etc/app/redis-ca.p12\"");
        assertThat(at).as("the TLS example in docs/operations.md").isNotNegative();
        int start = at;
        while (!lines.get(start).strip().equals("```yaml")) {
            start--;
        }
        int end = at;
        while (!lines.get(end).strip().equals("```")) {
            end++;
        }
        String indentation = lines.get(start).substring(0, lines.get(start).indexOf('`'));
        return String.join("\n", lines.subList(start + 1, end).stream()
                .map(line -> line.substring(indentation.length())).toList()) + "\n";
    }

    @Test
    void aYamlTrustingAnotherCaIsRefusedNamingTheUntrustedCertificateAndTheSetting() throws IOException {
        Path file = yaml("wrong.yaml", trusting(wrong, port(tls)));

        assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(file).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis with the Redisson configuration '" + file + "': the server's TLS "
                        + "certificate is not trusted (PKIX path building failed: sun.security.provider.certpath."
                        + "SunCertPathBuilderException: unable to find valid certification path to requested target). "
                        + "Give the CA that signed the server's certificate as sslTruststore (a trust store URL, e.g. "
                        + "file:/etc/app/redis-ca.p12) and sslTruststorePassword in the Redisson configuration '"
                        + file + "' (docs/operations.md#tls).");
    }

    @Test
    void aRedissUriWithTheJvmsDefaultTrustStoreIsRefusedNamingTheTrustStore() {
        assertThatThrownBy(() -> TaskGuard.builder().redis(tls.uri()).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at rediss://127.0.0.1:" + port(tls) + "/0: the server's TLS "
                        + "certificate is not trusted (PKIX path building failed: sun.security.provider.certpath."
                        + "SunCertPathBuilderException: unable to find valid certification path to requested target). "
                        + "Add the CA that signed the server's certificate to the trust store of this JVM, which "
                        + "rediss:// uses (or start the JVM with -Djavax.net.ssl.trustStore=FILE), or give the CA as "
                        + "sslTruststore and sslTruststorePassword in a Redisson YAML configuration, "
                        + "TaskGuard.builder().redissonConfig(file) (docs/operations.md#tls).");
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefusedAsAFailedHandshakeUnlessOnlyTheCaIsChecked() throws IOException {
        Path strict = yaml("misnamed.yaml", trusting(misnamed, port(misnamedServer)));
        Path caOnly = yaml("ca-only.yaml", "sslVerificationMode: CA_ONLY\n" + trusting(misnamed, port(misnamedServer)));

        assertThatThrownBy(() -> TaskGuard.builder().redissonConfig(strict).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis with the Redisson configuration '" + strict + "': the TLS "
                        + "handshake failed (No subject alternative names matching IP address 127.0.0.1 found). Check "
                        + "the TLS settings in the Redisson configuration '" + strict + "' against the server's "
                        + "(docs/operations.md#tls).");
        runsOnceThenSkips(() -> TaskGuard.builder().redissonConfig(caOnly).keyPrefix("ca-only:")
                .clock(TestClocks.fixed()).build());
    }

    @Test
    void aPlainUriToTheTlsPortTimesOutAndTheMessageSaysToUseRediss() {
        int port = port(tls);

        assertThatThrownBy(() -> TaskGuard.builder().redis("redis://127.0.0.1:" + port).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at redis://127.0.0.1:" + port + "/0: timed out after 2000 ms "
                        + "(Command execution timeout for command: (PING), params: [], Redis client: [addr=redis://"
                        + "127.0.0.1:" + port + ",127.0.0.1/127.0.0.1:" + port + "]). Check that the server runs and is "
                        + "not overloaded; a TLS server does not answer redis:// either: use rediss:// for it.");
    }

    @Test
    void aRedissUriToAPlainPortSaysTheServerDoesNotSpeakTls() {
        int port = port(plain);

        assertThatThrownBy(() -> TaskGuard.builder().redis("rediss://127.0.0.1:" + port).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot connect to Redis at rediss://127.0.0.1:" + port + "/0: the server did not answer "
                        + "the TLS handshake (handshake timed out after 2000ms). The server does not seem to use TLS: "
                        + "use redis:// for it.");
    }
}
