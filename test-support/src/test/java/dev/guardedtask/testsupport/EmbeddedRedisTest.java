package dev.guardedtask.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedRedisTest {

    @TempDir
    Path folder;

    /** What a server that deadlocked at start looks like from outside: it runs and never says it is ready. */
    @Test
    void aServerThatNeverSaysItIsReadyIsKilledAndTheStartFailsWithinItsBound() throws IOException {
        Path binary = Files.writeString(folder.resolve("redis-server"), "#!/bin/sh\nwhile true; do sleep 1; done\n");
        assertThat(binary.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> EmbeddedRedis.start(binary.toFile(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching(".*redis-server on port \\d+ did not say it was ready within 1 s: killed it\\. "
                        + "Start it by hand with the same arguments to see why\\.");
        assertThat(ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(binary.toString())))
                .as("the hung process").allMatch(process -> !process.isAlive());
    }

    @Test
    void startOnListensOnTheGivenPort() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        try (EmbeddedRedis redis = EmbeddedRedis.startOn(port)) {
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + port + "/0");
            assertThat(redis.isRunning()).isTrue();
        }
    }

    @Test
    void startOnRefusesANumberThatIsNoPort() {
        assertThatThrownBy(() -> EmbeddedRedis.startOn(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 70000 is not a TCP port: give 1 to 65535");
    }
}
