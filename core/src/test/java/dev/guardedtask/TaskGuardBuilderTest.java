package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The builder's checks and defaults, and what closing a guard stops. */
class TaskGuardBuilderTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = "20261128";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void nullsAreRefusedNamingTheCall() {
        TaskGuard.Builder builder = TaskGuard.builder();

        assertThatThrownBy(() -> builder.redisson(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard.builder().redisson(client) got null; pass a value.");
        assertThatThrownBy(() -> builder.clock(null)).hasMessage("TaskGuard.builder().clock(clock) got null; pass a value.");
        assertThatThrownBy(() -> builder.zone(null)).hasMessage("TaskGuard.builder().zone(zone) got null; pass a value.");
        assertThatThrownBy(() -> builder.keyPrefix(null))
                .hasMessage("TaskGuard.builder().keyPrefix(prefix) got null; pass a value.");
        assertThatThrownBy(() -> builder.keyScheme(null))
                .hasMessage("TaskGuard.builder().keyScheme(scheme) got null; pass a value.");
        assertThatThrownBy(() -> builder.lockTimeout(null))
                .hasMessage("TaskGuard: lockTimeout null must be at least 1 ms, e.g. PT5M (5 minutes).");
    }

    @Test
    void aKeyPrefixWithAControlCharacterIsRefused() {
        assertThatThrownBy(() -> TaskGuard.builder().keyPrefix("app\u0007:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: key prefix 'app\u0007:' contains white space or control characters; "
                        + "use e.g. 'billing:'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "myapp:", "guardedtask-example:", "trial-7:", "app.", "app/", "app_", "{app}", "app:v1|"})
    void aKeyPrefixEndingWithASeparatorOrNoneIsPutBeforeEveryKey(String prefix) {
        try (TaskGuard guard = TaskGuard.builder().keyPrefix(prefix).redisson(redis.client()).clock(clock).build()) {
            String[] lock = new String[1];
            guard.run(TaskOptions.daily("task_x"), DAY, r -> lock[0] = redis.get(prefix + "lock:task_x:" + DAY));

            assertThat(lock[0]).hasSize(8);
            assertThat(redis.keyspace()).containsExactly(prefix + "success:task_x:" + DAY + "=completed");
        }
    }

    @Test
    void aGuardOnASingleServerClientAFromAUriOrInMemoryUsesThePlainKeysUnlessToldOtherwise() {
        try (TaskGuard onClient = TaskGuard.builder().redisson(redis.client()).clock(clock).build();
             TaskGuard fromUri = TaskGuard.builder().redis(redis.uri()).clock(clock).build();
             TaskGuard inMemory = TaskGuard.builder().inMemory().clock(clock).build();
             TaskGuard told = TaskGuard.builder().inMemory().keyScheme(KeyScheme.CLUSTER).clock(clock).build()) {

            assertThat(onClient.keyScheme()).isEqualTo(KeyScheme.PLAIN);
            assertThat(fromUri.keyScheme()).isEqualTo(KeyScheme.PLAIN);
            assertThat(inMemory.keyScheme()).isEqualTo(KeyScheme.PLAIN);
            assertThat(told.keyScheme()).isEqualTo(KeyScheme.CLUSTER);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"app{:", "{app:", "app{}:", "}{app:"})
    void aKeyPrefixThatWouldMoveTheClusterHashTagOffTheTaskIsRefusedWithTheClusterKeys(String prefix) {
        TaskGuard.Builder builder = TaskGuard.builder().inMemory().keyPrefix(prefix).keyScheme(KeyScheme.CLUSTER)
                .clock(clock);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("TaskGuard: key prefix '" + prefix + "' opens a Redis Cluster hash tag '{' that it does "
                        + "not close with a name; with KeyScheme.CLUSTER the keys of one run would hash to different "
                        + "slots. Use a prefix without braces, e.g. '" + prefix.replace("{", "").replace("}", "") + "'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{app}:", "app}:", "a{b}c:"})
    void aKeyPrefixWithAClosedHashTagOrNoneOpenIsAcceptedWithTheClusterKeys(String prefix) {
        try (TaskGuard guard = TaskGuard.builder().inMemory().keyPrefix(prefix).keyScheme(KeyScheme.CLUSTER)
                .clock(clock).build()) {

            assertThat(guard.run(TaskOptions.daily("task_x"), DAY, r -> { }).status()).isEqualTo(TaskStatus.SUCCESS);
        }
        try (TaskGuard plain = TaskGuard.builder().inMemory().keyPrefix("app{:").clock(clock).build()) {
            assertThat(plain.keyScheme()).as("plain keys have no tag to move").isEqualTo(KeyScheme.PLAIN);
        }
    }

    @Test
    void aClientShutDownBeforeBuildIsRefused() {
        RedissonClient client = redis.connect();
        client.shutdown();

        assertThatThrownBy(() -> TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TaskGuard.builder().redisson(client): the client is shut down; pass a live RedissonClient.");
    }

    @Test
    void byDefaultTheLockLivesThreeHundredSecondsAndTodayIsInTheClocksZone() {
        Clock tokyoClock = Clock.fixed(Instant.parse("2026-11-28T23:30:00Z"), ZoneId.of("Asia/Tokyo"));
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(tokyoClock).build()) {
            long[] lockTtl = new long[1];

            guard.run(TaskOptions.daily("task_x"), DAY, r -> lockTtl[0] = redis.pttl("lock:task_x:" + DAY));

            assertThat(lockTtl[0]).isBetween(295_000L, 300_000L);
            assertThat(guard.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            assertThat(guard.today()).isEqualTo("20261129");
        }
    }

    @Test
    void durationsOfOneMillisecondAreAccepted() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(clock)
                .lockTimeout(Duration.ofMillis(1)).successTtl(Duration.ofMillis(1)).build()) {

            assertThat(guard.run(TaskOptions.daily("task_x"), DAY, r -> { }).status()).isEqualTo(TaskStatus.SUCCESS);
        }
    }

    @Test
    void closingAGuardBuiltFromAUriShutsItsClientDown() {
        long before = connectedClients();
        TaskGuard guard = TaskGuard.builder().redis(redis.uri()).clock(clock).build();
        guard.run(TaskOptions.daily("task_x"), DAY, r -> { });
        assertThat(connectedClients()).isEqualTo(before + 25); // Redisson's default pool: 24 idle connections and 1 for pub/sub

        guard.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> connectedClients() == before);
    }

    @Test
    void closingAGuardBuiltOnAClientLeavesTheClientOpen() {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).build();

        guard.close();

        assertThat(redis.client().isShutdown()).isFalse();
        assertThat(redis.get("lock:none")).isNull(); // the client still answers
    }

    @Test
    void closingAGuardStopsItsLockRenewalThread() {
        Set<Thread> before = renewalThreads();
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).build();
        guard.run(TaskOptions.daily("task_x"), DAY, r -> { }); // registers a renewal: the thread starts
        Set<Thread> started = renewalThreads();
        started.removeAll(before);
        assertThat(started).hasSize(1);

        guard.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> !started.iterator().next().isAlive());
    }

    private static Set<Thread> renewalThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("guardedtask-lock-renewal")).collect(Collectors.toSet());
    }

    private static long connectedClients() {
        return Long.parseLong(redis.client().getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(InfoSection.CLIENTS).get("connected_clients"));
    }
}
