package dev.guardedtask.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule for tests that need Debian's redis-server: skipped where it is missing, failed in CI. */
class SystemRedisTest {

    @TempDir
    Path folder;

    private static final String MISSING = "Debian's redis-server 7.0 is not installed at %s: the Redis 7.0 and TLS "
            + "tests need it. Install it with 'apt-get install redis-server' (Debian 12), or run 'bash .ci/run', "
            + "which does.";

    @Test
    void aMissingBinarySkipsTheTestNamingHowToInstallIt() {
        Path missing = folder.resolve("redis-server");

        assertThatThrownBy(() -> SystemRedis.binary(missing, null, null))
                .isExactlyInstanceOf(TestAbortedException.class)
                .hasMessage(MISSING.formatted(missing));
    }

    @Test
    void aMissingBinaryFailsTheTestInCi() {
        Path missing = folder.resolve("redis-server");

        assertThatThrownBy(() -> SystemRedis.binary(missing, "true", null))
                .isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessage(MISSING.formatted(missing) + " CI=true: in CI these tests must run, not be skipped.");
    }

    @Test
    void aCiValueOtherThanTrueSkips() {
        assertThatThrownBy(() -> SystemRedis.binary(folder.resolve("redis-server"), "false", null))
                .isExactlyInstanceOf(TestAbortedException.class);
    }

    @Test
    void aFileThatIsNotExecutableCountsAsMissing() throws IOException {
        Path file = Files.writeString(folder.resolve("redis-server"), "");

        assertThatThrownBy(() -> SystemRedis.binary(file, "true", null)).isExactlyInstanceOf(AssertionFailedError.class);
    }

    @Test
    void anExecutableBinaryIsReturnedInCiAndOutside() throws IOException {
        Path binary = Files.writeString(folder.resolve("redis-server"), "");
        assertThat(binary.toFile().setExecutable(true)).isTrue();

        assertThat(SystemRedis.binary(binary, "true", null)).isEqualTo(binary);
        assertThat(SystemRedis.binary(binary, null, "")).isEqualTo(binary);
    }

    @Test
    void underLibfaketimeTheTestsAreSkippedEvenInCiAsTheBinaryWouldDeadlock() throws IOException {
        Path binary = Files.writeString(folder.resolve("redis-server"), "");
        assertThat(binary.toFile().setExecutable(true)).isTrue();
        String preload = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

        assertThatThrownBy(() -> SystemRedis.binary(binary, "true", preload))
                .isExactlyInstanceOf(TestAbortedException.class)
                .hasMessage("Debian's redis-server deadlocks at start under libfaketime (LD_PRELOAD=" + preload
                        + "): the Redis 7.0 and TLS tests do not run at a fake date; the embedded server runs the others.");
    }
}
