package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import dev.guardedtask.testsupport.topology.EmbeddedSentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redisson YAML with {@code sentinelServersConfig}, on the suite's Sentinel group: the guard keeps the plain
 * keys, and they land on the master the sentinels name.
 */
class RedissonConfigSentinelIT {

    @RegisterExtension
    static final RedisSentinelExtension redis = new RedisSentinelExtension();

    @TempDir
    Path folder;

    /**
     * The group as a Redisson user writes it. The setting names are the bean properties of Redisson 4.7.0's
     * {@code SentinelServersConfig} ({@code masterName}, {@code sentinelAddresses}, {@code checkSentinelsList},
     * {@code scanInterval}) and {@code BaseMasterSlaveServersConfig} ({@code readMode}). {@code checkSentinelsList:
     * false} as in {@link EmbeddedSentinel#config()}: Redisson would refuse a sentinel list it finds incomplete
     * at start-up.
     */
    static String sentinelYaml(RedisSentinelExtension redis) {
        return "sentinelServersConfig:\n"
                + "  masterName: \"" + EmbeddedSentinel.MASTER_NAME + "\"\n"
                + "  checkSentinelsList: false\n"
                + "  readMode: MASTER\n"
                + "  scanInterval: 1000\n"
                + "  connectTimeout: 2000\n"
                + "  timeout: 2000\n"
                + "  sentinelAddresses:\n"
                + redis.group().sentinelAddresses().stream().map(a -> "  - \"" + a + "\"\n").collect(Collectors.joining());
    }

    @Test
    void aSentinelYamlKeepsThePlainKeysOnTheMasterAndADailyTaskRunsOnce() throws IOException {
        Path file = Files.writeString(folder.resolve("redisson.yaml"), sentinelYaml(redis));
        int[] runs = new int[1];
        try (TaskGuard guard = TaskGuard.builder().redissonConfig(file).clock(TestClocks.fixed()).build()) {
            TaskResult first = guard.run(TaskOptions.daily("task_daily_report"), null, r -> runs[0]++);
            TaskResult second = guard.run(TaskOptions.daily("task_daily_report"), null, r -> runs[0]++);

            assertThat(guard.keyScheme()).isEqualTo(KeyScheme.PLAIN);
            assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo("already_completed");
            assertThat(runs[0]).isEqualTo(1);
            String success = "success:task_daily_report:" + TestClocks.TODAY;
            assertThat(redis.keyspace()).containsExactly(success + "=completed");
            assertThat(redis.group().master().call("GET", success)).isEqualTo("completed");
            assertThat(redis.group().master().call("DBSIZE")).as("the success key, the fencing counter, the history and the counts")
                    .isEqualTo(4L);
        }
    }
}
