package dev.guardedtask.examples;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example application on the 3+3 Redis Cluster, given only a Redisson YAML file: no code for the cluster. */
class ExampleAppClusterIT {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path clusterYaml() throws IOException {
        return Files.writeString(folder.resolve("redisson.yaml"), "clusterServersConfig:\n"
                + "  readMode: MASTER\n"
                + "  scanInterval: 1000\n"
                + "  connectTimeout: 2000\n"
                + "  timeout: 2000\n"
                + "  nodeAddresses:\n"
                + redis.cluster().seedAddresses().stream().map(a -> "  - \"" + a + "\"\n").collect(Collectors.joining()));
    }

    @Test
    void withAClusterYamlTheAppExitsZeroAndEveryKeyCarriesItsTaskAsHashTag() throws Exception {
        Path file = clusterYaml();

        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--workers", "2", "--ticks", "2", "--tick-ms", "50", "--redisson-config", file.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(redis.keyspace()).containsExactlyInAnyOrderElementsOf(
                Stream.of("task_analysis", "task_daily_report", "task_indexing", "task_report")
                        .map(task -> "guardedtask-example:success:{" + task + "}:" + TestClocks.TODAY + "=completed")
                        .toList());
        assertThat(out.toString())
                .contains("2 workers, 2 ticks of 50 ms, Redis from " + file + " (CLUSTER keys)")
                .contains("check: daily task ran once ......................... OK")
                .contains("Left in Redis for 24 h: success keys such as "
                        + "guardedtask-example:success:{task_daily_report}:20261128.\n"
                        + "Left for 30 days after each task's last run: its history and counts (guardedtask-example:"
                        + "history:{<task>}, guardedtask-example:stats:{<task>}; guardedtask tasks --key-prefix "
                        + "guardedtask-example: reads them); for good: its fencing counter "
                        + "(guardedtask-example:fence:{<task>}).\n");
    }
}
