package dev.guardedtask;

import dev.guardedtask.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code redissonConfig(...)} checks in a Redisson YAML configuration before anything touches Redis
 * (no server runs here): variables, the server section and its addresses, the trust and key stores.
 */
class RedissonConfigCheckTest {

    static final String UNSET = "GUARDEDTASK_TEST_VARIABLE_NEVER_SET_7F3A";
    static final String SECTIONS = "singleServerConfig, sentinelServersConfig, clusterServersConfig, "
            + "replicatedServersConfig, masterSlaveServersConfig";
    static final String DOCS = " (see https://redisson.pro/docs/configuration/).";
    static final String SINGLE = "singleServerConfig:\n  address: \"rediss://127.0.0.1:6379\"\n";

    @TempDir
    Path folder;

    private Path yaml(String text) throws IOException {
        return Files.writeString(folder.resolve("redisson.yaml"), text);
    }

    private static IllegalArgumentException refused(Path file) {
        try {
            TaskGuard.builder().redissonConfig(file);
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("redissonConfig(" + file + ") was accepted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "'# redisson settings to come\n'", "'\n  \n'"})
    void anEmptyFileOrOneWithOnlyCommentsIsRefusedSayingWhatToPutInIt(String text) throws IOException {
        Path file = yaml(text);

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "' is empty (or holds only comments): "
                + "give one of " + SECTIONS + " with its addresses" + DOCS);
    }

    @Test
    void aFileWithoutAServerSectionIsRefusedNamingTheSections() throws IOException {
        Path file = yaml("threads: 4\nnettyThreads: 8\n");

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "' holds no server settings: add one of "
                + SECTIONS + " with its addresses" + DOCS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'singleServerConfig: {}'                                         | singleServerConfig       | address           | \"redis://host:6379\"",
        "'singleServerConfig:\n  address:\n  timeout: 2000'              | singleServerConfig       | address           | \"redis://host:6379\"",
        "'singleServerConfig:\n  address: \"\"'                          | singleServerConfig       | address           | \"redis://host:6379\"",
        "'singleServerConfig:'                                            | singleServerConfig       | address           | \"redis://host:6379\"",
        "'sentinelServersConfig:\n  sentinelAddresses: [\"redis://h:1\"]' | sentinelServersConfig    | masterName        | \"mymaster\"",
        "'sentinelServersConfig:\n  masterName: \"mymaster\"'             | sentinelServersConfig    | sentinelAddresses | [\"redis://host:26379\"]",
        "'clusterServersConfig:\n  nodeAddresses: []'                    | clusterServersConfig     | nodeAddresses     | [\"redis://host:7000\"]",
        "'replicatedServersConfig:\n  scanInterval: 1000'                | replicatedServersConfig  | nodeAddresses     | [\"redis://host:6379\"]",
        "'masterSlaveServersConfig:\n  slaveAddresses: [\"redis://h:1\"]' | masterSlaveServersConfig | masterAddress     | \"redis://host:6379\"",
    })
    void aServerSectionWithoutItsAddressesIsRefusedNamingTheSetting(String text, String section, String setting,
            String example) throws IOException {
        Path file = yaml(text + "\n");

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': " + section + " has no " + setting
                + ": add " + setting + ": " + example + " under " + section + DOCS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'singleServerConfig:\n  address: \"127.0.0.1:6379\"'                 | singleServerConfig.address | 127.0.0.1:6379 | Redis url should start with redis:// or rediss:// (for SSL connection)",
        "'singleServerConfig:\n  address: \"redis://127.0.0.1\"'              | singleServerConfig.address | redis://127.0.0.1 | Redis url doesn't contain a port",
        "'clusterServersConfig:\n  nodeAddresses: [\"redis://h:1\", \"h:2\"]' | clusterServersConfig.nodeAddresses | h:2 | Redis url should start with redis:// or rediss:// (for SSL connection)",
        "'singleServerConfig:\n  address: \"redis://u:pw-Ad12@:6379\"'       | singleServerConfig.address | redis://***@:6379 | Redisson cannot parse it",
    })
    void anAddressRedissonCannotReadIsRefusedNamingItMasked(String text, String setting, String shown, String problem)
            throws IOException {
        Path file = yaml(text + "\n");

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': " + setting + " '" + shown
                + "' is not a Redis address (" + problem + "): write it as redis://host:port (rediss:// for TLS).");
    }

    @Test
    void aSentinelSectionWithItsAddressesAndAClusterSectionWithNodesAreAccepted() throws IOException {
        TaskGuard.builder().redissonConfig(yaml("sentinelServersConfig:\n  masterName: \"mymaster\"\n"
                + "  sentinelAddresses:\n  - \"redis://127.0.0.1:26379\"\n"));
        TaskGuard.builder().redissonConfig(yaml("clusterServersConfig:\n  nodeAddresses: [\"redis://127.0.0.1:7000\"]\n"
                + "codec: !<org.redisson.client.codec.StringCodec> {}\n"));
    }

    @Test
    void anUnsetVariableIsRefusedNamingItAndItsLine() throws IOException {
        Path file = yaml(SINGLE + "  password: \"${" + UNSET + "}\"\n");

        assertThat(System.getenv(UNSET)).isNull();
        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "' uses ${" + UNSET + "} (line 3), "
                + "which is not set in this process's environment: set " + UNSET + " before starting the JVM (or -D"
                + UNSET + "=...), or give a default as ${" + UNSET + ":-value}.");
    }

    @Test
    void anUnsetVariableInACommentIsLeftAloneAsRedissonDoesNotUseIt() throws IOException {
        TaskGuard.builder().redissonConfig(yaml("# password: \"${" + UNSET + "}\"\n" + SINGLE
                + "  timeout: 2000 # or ${" + UNSET + "}\n"));
    }

    @Test
    void anUnsetVariableIsRefusedBeforeTheValueItLeavesIsParsed() throws IOException {
        Path file = yaml(SINGLE + "  timeout: ${" + UNSET + "}\n");

        assertThat(refused(file)).hasMessageStartingWith("Redisson configuration '" + file + "' uses ${" + UNSET
                + "} (line 3), which is not set in this process's environment: ");
    }

    @Test
    void aSetVariableOrAnUnsetOneWithADefaultIsAcceptedAndItsValueNeverShown() throws IOException {
        String home = System.getenv("HOME");
        assertThat(home).isNotBlank();
        TaskGuard.builder().redissonConfig(yaml("singleServerConfig:\n  address: \"redis://127.0.0.1:${" + UNSET
                + ":-6379}\"\n  clientName: \"${HOME}\"\n"));

        Path noAddress = yaml("singleServerConfig:\n  clientName: \"${HOME}\"\n");
        assertThat(refused(noAddress)).hasMessageNotContaining(home);
    }

    private String trusting(String store, String password) {
        return "sslTruststore: \"" + store + "\"\nsslTruststorePassword: \"" + password + "\"\n" + SINGLE;
    }

    @Test
    void aTrustStoreThatOpensWithItsPasswordIsAccepted() throws IOException {
        TestCertificates ca = TestCertificates.create(folder, "ca");

        TaskGuard.builder().redissonConfig(yaml(trusting(ca.trustStore().toUri().toString(), ca.trustStorePassword())));
    }

    @Test
    void aMissingTrustStoreIsRefusedNamingTheSettingAndTheUrl() throws IOException {
        String missing = folder.resolve("nowhere.p12").toUri().toString();
        Path file = yaml(trusting(missing, "pw-Ts41"));

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': sslTruststore '" + missing
                + "' does not exist: give the URL of a key store file, e.g. \"file:/etc/app/redis-ca.p12\".");
    }

    @Test
    void aTrustStoreItsPasswordDoesNotOpenIsRefusedWithoutThePassword() throws IOException {
        TestCertificates ca = TestCertificates.create(folder, "ca");
        String store = ca.trustStore().toUri().toString();
        Path file = yaml(trusting(store, "pw-Wrong93"));

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': sslTruststore '" + store
                + "': its password (sslTruststorePassword) does not open it (keystore password was incorrect): give "
                + "the password the store was written with.");
    }

    @Test
    void aKeyStoreSetInTheServerSectionIsCheckedAsRedissonReadsIt() throws IOException {
        TestCertificates ca = TestCertificates.create(folder, "ca");
        String store = ca.trustStore().toUri().toString();
        Path file = yaml("sslKeystore: \"" + store + "\"\nsslKeystorePassword: \"" + ca.trustStorePassword() + "\"\n"
                + SINGLE + "  sslKeystorePassword: \"pw-Wrong93\"\n");

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': sslKeystore '" + store
                + "': its password (sslKeystorePassword) does not open it (keystore password was incorrect): give "
                + "the password the store was written with.");
    }

    @Test
    void aFileThatIsNotAKeyStoreIsRefusedNamingTheTypeTried() throws IOException {
        TestCertificates ca = TestCertificates.create(folder, "ca");
        String pem = ca.caCertificate().toUri().toString();
        Path file = yaml(trusting(pem, "pw-Ts41"));

        assertThat(refused(file)).hasMessageStartingWith("Redisson configuration '" + file + "': sslTruststore '" + pem
                + "' cannot be read as a PKCS12 key store (java.io.IOException: ")
                .hasMessageEndingWith("): give a PKCS12 key store file, or its type as sslKeystoreType.");
    }

    @Test
    void aTrustStoreUrlWithUserInformationIsShownMasked() throws IOException {
        Path file = yaml(trusting("http://ops:pw-Url55@127.0.0.1:1/ca.p12", "pw-Ts41"));

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': sslTruststore 'http://***@127.0.0.1:1"
                + "/ca.p12' cannot be read (java.net.ConnectException: Connection refused): check the URL.");
    }

    @Test
    void aTrustStoreWithoutItsPasswordShowsNothingAndIsRefusedSayingToGiveIt() throws IOException {
        TestCertificates ca = TestCertificates.create(folder, "ca");
        String store = ca.trustStore().toUri().toString();
        Path file = yaml("sslTruststore: \"" + store + "\"\n" + SINGLE);

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': sslTruststore '" + store
                + "' shows nothing without a password: give its password as sslTruststorePassword.");
    }

    @Test
    void anEmptyTrustStoreIsRefusedSayingWhatToPutInIt() throws Exception {
        Path empty = folder.resolve("empty.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(empty)) {
            store.store(out, "pw-Em71".toCharArray());
        }
        Path file = yaml(trusting(empty.toUri().toString(), "pw-Em71"));

        assertThat(refused(file)).hasMessage("Redisson configuration '" + file + "': sslTruststore '" + empty.toUri()
                + "' is empty: put the CA that signed the server's certificate in it.");
    }
}
