package dev.guardedtask.examples.boot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's way to see the skips: the application's main started twice, as two processes, on no named Redis. The
 * first starts the embedded Redis on the port, the second joins it; each stops by itself ({@code --run-for}). The
 * daily task succeeds once in all, the second process logs it skipped with {@code already_completed}, and a sync run
 * (1 s, called every 0.2 s) makes the other process log {@code lock_held}.
 */
class TwoProcessesTest {

    private static final Pattern DIGEST_RUN = Pattern.compile("task_daily_digest success in");
    private static final Pattern DIGEST_DONE = Pattern.compile("task_daily_digest skipped \\(already_completed\\)");
    private static final Pattern SYNC_HELD = Pattern.compile("task_sync_prices skipped \\(lock_held\\)");

    @TempDir
    Path logs;

    private final List<Process> processes = new ArrayList<>();

    @Test
    void twoInstancesShareTheEmbeddedRedisAndShowTheSkips() throws Exception {
        int port = freePort();
        Path firstLog = logs.resolve("first.log");
        Path secondLog = logs.resolve("second.log");

        Process first = start(firstLog, "--redis-port=" + port, "--run-for=12s");
        await().atMost(Duration.ofSeconds(60)).until(() -> read(firstLog).contains("Started an embedded Redis"));
        Process second = start(secondLog, "--redis-port=" + port, "--run-for=6s");

        assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String one = read(firstLog);
        String two = read(secondLog);
        assertThat(first.exitValue()).as(one).isZero();
        assertThat(second.exitValue()).as(two).isZero();
        assertThat(two).contains("Port " + port + " is in use: joining the embedded Redis");
        assertThat(count(DIGEST_RUN, one) + count(DIGEST_RUN, two)).isEqualTo(1);
        assertThat(count(DIGEST_DONE, two)).isGreaterThanOrEqualTo(1);
        assertThat(count(SYNC_HELD, one) + count(SYNC_HELD, two)).isGreaterThanOrEqualTo(1);
    }

    /** A process left running by a failed test: stopped with SIGTERM (its hooks stop its redis-server), then killed. */
    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private Process start(Path log, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpringBootExampleApp.class.getName(),
                "--example.daily-digest.delay=PT0.2S", "--example.sync-prices.delay=PT0.2S",
                "--example.sync-prices.work=PT1S"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        long found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
