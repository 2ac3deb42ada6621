package dev.guardedtask.console;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import dev.guardedtask.testsupport.topology.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code guardedtask --config} with a {@code clusterServersConfig} on a real Redis Cluster (3 masters + 3
 * replicas): tasks on every master are listed, and a release, of an unkeyed or a keyed lock, runs on the
 * task's slot.
 */
class CliClusterIT {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    static final String DAY = TestClocks.TODAY;

    @TempDir
    Path folder;

    @Test
    void tasksOnEveryMasterAreListedAndALockIsReleased() throws IOException {
        Map<RedisProcess, String> byMaster = new LinkedHashMap<>();
        IntStream.range(0, 100).mapToObj(i -> "task_" + i)
                .forEach(name -> byMaster.putIfAbsent(redis.cluster().masterOf("{" + name + "}"), name));
        List<String> names = byMaster.values().stream().sorted().toList();
        assertThat(names).hasSize(3);
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed())
                .workerName("worker-1").build()) {
            names.forEach(name -> guard.run(TaskOptions.daily(name), DAY, result -> { }));
        }
        redis.set("lock:{" + names.get(0) + "}:" + DAY, "ab12cd34", Duration.ofMinutes(1));
        Path config = Files.writeString(folder.resolve("redisson.yaml"), "clusterServersConfig:\n"
                + "  readMode: MASTER\n"
                + "  nodeAddresses:\n"
                + redis.cluster().seedAddresses().stream().map(a -> "  - \"" + a + "\"\n").collect(Collectors.joining()));
        Cli cli = new Cli(TestClocks.fixed(), "--config", config.toString());

        Cli.Result tasks = cli.run("tasks");
        Cli.Result release = cli.run("release", names.get(0), DAY, "--yes", "--force", "--as", "alice");

        assertThat(tasks.lines()).containsExactly(
                "TASK    LAST RUN         OK  FAILED  SKIPPED  RUNNING   COMPLETED",
                names.get(0) + "  success 0ms ago  1   0       0        20261128  20261128",
                names.get(1) + "  success 0ms ago  1   0       0        -         20261128",
                names.get(2) + "  success 0ms ago  1   0       0        -         20261128");
        assertThat(release).isEqualTo(new Cli.Result(0, "Released the lock of task '" + names.get(0) + "' for "
                + DAY + " (run ab12cd34).\n", ""));
        assertThat(redis.get("lock:{" + names.get(0) + "}:" + DAY)).isNull();

        redis.set("lock:{" + names.get(1) + "}#tenant-1:" + DAY, "cd34ef56", Duration.ofMinutes(1));
        Cli.Result locks = cli.run("locks");
        Cli.Result keyed = cli.run("release", names.get(1), DAY, "--key", "tenant-1", "--yes", "--force");

        assertThat(locks.lines()).hasSize(2);
        assertThat(locks.lines().get(1)).matches(names.get(1) + "  tenant-1  20261128  cd34ef56  -       -        "
                + "-        [0-9]+s   -");
        assertThat(keyed).isEqualTo(new Cli.Result(0, "Released the lock of task '" + names.get(1) + "' key "
                + "'tenant-1' for " + DAY + " (run cd34ef56).\n", ""));
        assertThat(redis.get("lock:{" + names.get(1) + "}#tenant-1:" + DAY)).isNull();
    }
}
