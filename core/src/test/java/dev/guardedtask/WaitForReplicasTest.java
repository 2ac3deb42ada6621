package dev.guardedtask;

import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code waitForReplicas}: a primary with one replica, and a lone primary. A key the guard reads back
 * from the replica right after a run returned shows that the run waited for it.
 */
class WaitForReplicasTest {

    @RegisterExtension
    static final RedisExtension primary = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final TaskOptions DAILY = TaskOptions.daily("task_report");
    static final Duration WAIT = Duration.ofMillis(300);

    private static EmbeddedRedis replica;

    @BeforeAll
    static void startReplica() {
        replica = EmbeddedRedis.start("replicaof 127.0.0.1 " + URI.create(primary.uri()).getPort());
        awaitReplicaLinked();
    }

    @AfterAll
    static void stopReplica() {
        replica.close();
    }

    private static Jedis onReplica() {
        return new Jedis("127.0.0.1", replica.port());
    }

    private static void awaitReplicaLinked() {
        try (Jedis jedis = onReplica()) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jedis.info("replication").contains("master_link_status:up"));
        }
    }

    private static TaskGuard guard(RedissonClient client, int replicas) {
        return TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).waitForReplicas(replicas, WAIT).build();
    }

    @Test
    void aRunWaitsUntilTheReplicaHasItsCompletionAndTheNextCallIsSkipped() {
        TaskResult first;
        TaskResult second;
        try (TaskGuard guard = guard(primary.client(), 1)) {
            first = guard.run(DAILY, DAY, r -> { });
            try (Jedis jedis = onReplica()) {
                assertThat(jedis.get("success:task_report:" + DAY)).as("on the replica once the run returned")
                        .isEqualTo("completed");
                assertThat(jedis.get("fence:task_report")).isEqualTo("1");
            }
            second = guard.run(DAILY, DAY, r -> { });
        }

        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(first.warnings()).isEmpty();
        assertThat(first.fencingToken()).isEqualTo(1);
        assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(second.fencingToken()).isZero();
    }

    @Test
    void aRunStillCostsTwoRequestsEachAScriptAndItsWait() {
        try (TaskGuard guard = guard(primary.client(), 1)) {
            guard.run(DAILY, "20261127", r -> { }); // loads the scripts into the server's cache
            Map<String, Long> before = primary.commandCalls();

            guard.run(DAILY, DAY, r -> { });

            Map<String, Long> sent = new TreeMap<>(primary.commandsSince(before));
            sent.keySet().removeAll(Set.of("get", "exists", "incr", "set", "del", "pexpire", "hset", "hget", "hincrby",
                    "xadd", "replconf")); // the scripts', the replica's

            assertThat(sent).as("the commands the guard sent").containsExactlyInAnyOrderEntriesOf(
                    Map.of("evalsha", 2L, "wait", 2L));
        }
    }

    @Test
    void aRecurringRunWaitsForItsTwoLocksAndReleasesThem() {
        TaskResult run;
        try (TaskGuard guard = guard(primary.client(), 1)) {
            run = guard.run(TaskOptions.recurring("task_odds"), DAY, r -> { });
        }

        assertThat(run.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(run.warnings()).isEmpty();
        assertThat(primary.keyspace()).isEmpty();
    }

    @Test
    void tooFewReplicasForTheAcquireFailTheRunBeforeTheBodyAndReleaseTheLock() {
        AtomicInteger bodies = new AtomicInteger();
        TaskError error;
        try (TaskGuard guard = guard(primary.client(), 2)) {
            error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet()));
        }

        assertThat(bodies).hasValue(0);
        assertThat(error.result().reason()).isEqualTo(TaskResult.NOT_REPLICATED);
        assertThat(error.result().fencingToken()).isZero();
        assertThat(error).hasMessage("Task 'task_report' for " + DAY + " did not run: only 1 of the 2 replica(s) that "
                + "waitForReplicas asks for acknowledged the lock lock:task_report:" + DAY + " within 300 ms. The body "
                + "was not run; the lock is released; add a replica to the primary or check its replication "
                + "(INFO replication), or lower TaskGuard.builder().waitForReplicas(...): a lock that only the "
                + "primary holds is lost if the primary fails over.");
        assertThat(primary.keyspace()).as("the lock was released").isEmpty();
    }

    @Test
    void onAPrimaryWithNoReplicaEveryAcquireFailsAndACompletedDateIsStillSkipped() {
        AtomicInteger bodies = new AtomicInteger();
        try (EmbeddedRedis lone = EmbeddedRedis.start()) {
            RedissonClient client = clientOf(lone);
            try (TaskGuard guard = guard(client, 1)) {
                for (int call = 0; call < 2; call++) {
                    assertThatThrownBy(() -> guard.run(DAILY, DAY, r -> bodies.incrementAndGet()))
                            .isInstanceOf(TaskError.class)
                            .hasMessageContaining("only 0 of the 1 replica(s)")
                            .satisfies(e -> assertThat(((TaskError) e).result().reason())
                                    .isEqualTo(TaskResult.NOT_REPLICATED));
                }
                client.getBucket("success:task_report:" + DAY, org.redisson.client.codec.StringCodec.INSTANCE)
                        .set("completed");

                TaskResult completed = guard.run(DAILY, DAY, r -> bodies.incrementAndGet());

                assertThat(completed.reason()).as("a skip writes only its count and waits for no replica")
                        .isEqualTo(TaskResult.ALREADY_COMPLETED);
                assertThat(client.getKeys().getKeysStream().toList())
                        .containsExactlyInAnyOrder("success:task_report:" + DAY, "fence:task_report", "stats:task_report");
            } finally {
                client.shutdown();
            }
        }
        assertThat(bodies).hasValue(0);
    }

    @Test
    void aFinishTheReplicaMissedKeepsTheSuccessAndWarnsThatAFailoverMayLoseIt() {
        TaskResult run;
        try (TaskGuard guard = guard(primary.client(), 1)) {
            run = guard.run(DAILY, DAY, r -> {
                try (Jedis jedis = onReplica()) {
                    jedis.slaveofNoOne();
                }
            });
        } finally {
            try (Jedis jedis = onReplica()) {
                jedis.slaveof("127.0.0.1", URI.create(primary.uri()).getPort());
            }
            awaitReplicaLinked();
        }

        assertThat(run.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(run.warnings()).containsExactly("not_replicated: only 0 of the 1 replica(s) acknowledged the "
                + "completion success:task_report:" + DAY + " within 300 ms; if the primary fails over now, it may be "
                + "lost and the date run again");
        assertThat(primary.keyspace()).containsExactly("success:task_report:" + DAY + "=completed");
    }

    @Test
    void aFailedRunsReleaseDoesNotWaitForReplicasAndWarnsOfNothing() {
        TaskError error;
        try (TaskGuard guard = guard(primary.client(), 1)) {
            error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, DAY, r -> {
                try (Jedis jedis = onReplica()) {
                    jedis.slaveofNoOne();
                }
                r.fail("quota_exceeded");
            }));
        } finally {
            try (Jedis jedis = onReplica()) {
                jedis.slaveof("127.0.0.1", URI.create(primary.uri()).getPort());
            }
            awaitReplicaLinked();
        }

        assertThat(error.result().reason()).isEqualTo("quota_exceeded");
        assertThat(error.result().warnings()).as("a release records no completion: nothing to lose").isEmpty();
        assertThat(primary.keyspace()).isEmpty();
    }

    @Test
    void theDocumentedAclLineWithWaitRunsAGuardThatWaits() throws IOException {
        String line = Files.readAllLines(Path.of("..", "docs", "operations.md")).stream()
                .filter(text -> text.startsWith("ACL SETUSER guardedtask ") && text.contains("+wait"))
                .findFirst().orElseThrow();
        String[] words = line.split(" ");
        String password = Stream.of(words).filter(word -> word.startsWith(">")).findFirst().orElseThrow().substring(1);
        int port = URI.create(primary.uri()).getPort();
        try (Jedis admin = new Jedis("127.0.0.1", port)) {
            admin.sendCommand(Protocol.Command.ACL, Stream.of(words).skip(1).toArray(String[]::new));
            try (TaskGuard guard = TaskGuard.builder().redis("redis://guardedtask:" + password + "@127.0.0.1:" + port
                    + "/0").clock(TestClocks.fixed()).waitForReplicas(1, WAIT).build()) {
                TaskResult run = guard.run(DAILY, DAY, r -> { });

                assertThat(run.status()).isEqualTo(TaskStatus.SUCCESS);
                assertThat(run.warnings()).isEmpty();
            } finally {
                admin.sendCommand(Protocol.Command.ACL, "DELUSER", "guardedtask");
            }
        }
    }

    @Test
    void badSettingsAreRefusedByTheBuilder() {
        assertThatThrownBy(() -> TaskGuard.builder().waitForReplicas(-1, WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard.builder().waitForReplicas(-1, ...): the number of replicas must be 0 (off) or "
                        + "more, e.g. waitForReplicas(1, Duration.ofMillis(500)).");
        for (Duration timeout : new Duration[] {null, Duration.ZERO, Duration.ofNanos(999_999), Duration.ofSeconds(61)}) {
            assertThatThrownBy(() -> TaskGuard.builder().waitForReplicas(1, timeout))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TaskGuard.builder().waitForReplicas(1, " + timeout + "): the timeout must be from 1 ms "
                            + "to 60 s, e.g. Duration.ofMillis(500).");
        }
        assertThatThrownBy(() -> TaskGuard.builder().inMemory().clock(TestClocks.fixed()).waitForReplicas(1, WAIT).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TaskGuard.builder(): waitForReplicas(1, ...) needs Redis; an inMemory() guard has no "
                        + "replicas. Remove one of the two.");
        TaskGuard.builder().inMemory().clock(TestClocks.fixed()).waitForReplicas(0, WAIT).build().close();
    }

    private static RedissonClient clientOf(EmbeddedRedis server) {
        Config config = new Config();
        config.useSingleServer().setAddress(server.uri());
        return Redisson.create(config);
    }
}
