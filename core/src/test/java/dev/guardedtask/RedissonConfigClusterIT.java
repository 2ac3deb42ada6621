package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A Redisson YAML with {@code clusterServersConfig}, on the 3+3 cluster: the guard takes the cluster keys. */
class RedissonConfigClusterIT {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @TempDir
    Path folder;

    /** The seed addresses of the cluster as a Redisson user writes them. */
    static String clusterYaml(RedisClusterExtension redis) {
        return "clusterServersConfig:\n"
                + "  readMode: MASTER\n"
                + "  scanInterval: 1000\n"
                + "  connectTimeout: 2000\n"
                + "  timeout: 2000\n"
                + "  nodeAddresses:\n"
                + redis.cluster().seedAddresses().stream().map(a -> "  - \"" + a + "\"\n").collect(Collectors.joining());
    }

    @Test
    void aClusterYamlGivesTheClusterKeysAndADailyTaskRunsOnce() throws IOException {
        Path file = Files.writeString(folder.resolve("redisson.yaml"), clusterYaml(redis));
        int[] runs = new int[1];
        try (TaskGuard guard = TaskGuard.builder().redissonConfig(file).clock(TestClocks.fixed()).build()) {
            TaskResult first = guard.run(TaskOptions.daily("task_daily_report"), null, r -> runs[0]++);
            TaskResult second = guard.run(TaskOptions.daily("task_daily_report"), null, r -> runs[0]++);

            assertThat(guard.keyScheme()).isEqualTo(KeyScheme.CLUSTER);
            assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo("already_completed");
            assertThat(runs[0]).isEqualTo(1);
            assertThat(redis.keyspace())
                    .containsExactly("success:{task_daily_report}:" + TestClocks.TODAY + "=completed");
        }
    }
}
