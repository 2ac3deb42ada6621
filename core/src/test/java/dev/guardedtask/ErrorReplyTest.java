package dev.guardedtask;

import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Error replies that are not outages, from real servers: each error quotes Redis and gives the fix that
 * fits, where an outage says "check that Redis is reachable, the next call tries again". A refusal is
 * {@code backend_refused}; out of memory, which may pass, stays {@code backend_unavailable}. (Logins and
 * ACLs: {@code BackendRefusalTest}; keys in different cluster slots: {@code ClusterKeySchemeTest}.)
 */
class ErrorReplyTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final String REFUSED = "Task 'report' for " + DAY + " did not run: Redis refused ACQUIRE on lock:report:"
            + DAY + ": ";
    /** How Redis 6.2 reports an error inside the acquire script. */
    static final String IN_SCRIPT = "ERR Error running script (call to f_a10c93fb3aee1f18ebb655424376239192ef64ba): ";
    static final String FINISH_SHA1 = "3f38730ddf4a4be9b1ed3c126ec289c64c850201";
    static final String CONFIGURATION = "The body was not run; this is a configuration error, not an outage: every "
            + "call fails the same way until you fix it: ";

    private final AtomicInteger bodyRuns = new AtomicInteger();

    private static Jedis admin() {
        URI address = URI.create(redis.uri());
        return new Jedis(address.getHost(), address.getPort());
    }

    private TaskResult run(TaskGuard guard) {
        return guard.run(TaskOptions.daily("report"), DAY, r -> bodyRuns.incrementAndGet());
    }

    private TaskError firstRunOn(RedissonClient client) {
        try (TaskGuard guard = TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).build()) {
            return catchThrowableOfType(TaskError.class, () -> run(guard));
        }
    }

    /** A client without retries, as a guard's own client would give up: its first error is the answer. */
    private static RedissonClient clientOf(EmbeddedRedis server) {
        Config config = new Config();
        config.useSingleServer().setAddress(server.uri()).setTimeout(1_000).setRetryAttempts(0);
        return Redisson.create(config);
    }

    @Test
    void outOfMemoryIsNoOutageAndTheNextCallTriesAgain() {
        TaskError error;
        try (Jedis admin = admin();
             TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            admin.configSet("maxmemory", "1");
            try {
                error = catchThrowableOfType(TaskError.class, () -> run(guard));
            } finally {
                admin.configSet("maxmemory", "0");
            }
            assertThat(run(guard).status()).isEqualTo(TaskStatus.SUCCESS);
        }

        // Redisson cuts the script's "ERR Error running script ... -OOM" down to Redis's own answer
        assertThat(error).hasMessage(REFUSED + "OOM command not allowed when used memory > 'maxmemory'. The body was "
                + "not run; Redis is out of memory (maxmemory): free memory on the server or raise its maxmemory, the "
                + "next call tries again.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_UNAVAILABLE);
        assertThat(bodyRuns).hasValue(1);
    }

    @Test
    void aKeyOfAnotherTypeAtTheLockKeyMeansSharedKeyNamesWhichAKeyPrefixSeparates() {
        try (Jedis admin = admin()) {
            admin.hset("lock:report:" + DAY, "owner", "another-app");
        }

        TaskError error = firstRunOn(redis.client());
        TaskResult prefixed;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).keyPrefix("myapp:")
                .clock(TestClocks.fixed()).build()) {
            prefixed = run(guard);
        }

        assertThat(error).hasMessage(REFUSED + IN_SCRIPT + "@user_script:5: WRONGTYPE Operation against a key holding "
                + "the wrong kind of value. " + CONFIGURATION + "another application uses the same key names: give "
                + "this guard a key prefix of its own, e.g. TaskGuard.builder().keyPrefix(\"myapp:\").");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_REFUSED);
        assertThat(prefixed.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodyRuns).hasValue(1);
    }

    @Test
    void aReleaseRedisRefusesKeepsTheRunsSuccessAndWarnsBackendRefused() {
        TaskResult result;
        try (Jedis admin = admin();
             TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            result = guard.run(TaskOptions.daily("report"), DAY, r -> {
                admin.del("lock:report:" + DAY);
                admin.hset("lock:report:" + DAY, "owner", "another-app");
            });
        }

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(result.warnings()).containsExactly("backend_refused: completion not recorded, lock not released "
                + "(it expires within 300000 ms): Redis refused FINISH on lock:report:" + DAY + ": ERR Error running "
                + "script (call to f_" + FINISH_SHA1 + "): @user_script:3: WRONGTYPE Operation against a key holding "
                + "the wrong kind of value");
        assertThat(redis.get("success:report:" + DAY)).as("the script failed before its first write").isNull();
    }

    @Test
    void aReplicaRefusesTheLockAsAFailoverDoesForAWhileSoTheNextCallTriesAgain() {
        TaskError error;
        try (EmbeddedRedis replica = EmbeddedRedis.start("replicaof 127.0.0.1 " + URI.create(redis.uri()).getPort())) {
            RedissonClient client = clientOf(replica);
            try {
                error = firstRunOn(client);
            } finally {
                client.shutdown();
            }
        }

        assertThat(error).hasMessage(REFUSED + IN_SCRIPT + "@user_script:23: @user_script: 23: -READONLY You can't "
                + "write against a read only replica. The body was not run; the server is a read-only replica: right "
                + "after a failover the client finds the new primary by itself; if it lasts, point the guard's URI or "
                + "RedissonClient Config at the primary, the next call tries again.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_UNAVAILABLE);
        assertThat(bodyRuns).hasValue(0);
    }

    @Test
    void anotherErrorReplyIsQuotedAndSaidNotToBeAnOutage() {
        TaskError error;
        try (EmbeddedRedis server = EmbeddedRedis.start("rename-command SET \"\"")) {
            RedissonClient client = clientOf(server);
            try {
                error = firstRunOn(client);
            } finally {
                client.shutdown();
            }
        }

        assertThat(error).hasMessage(REFUSED + IN_SCRIPT + "@user_script:24: @user_script: 24: Unknown Redis command "
                + "called from Lua script. The body was not run; this is an error Redis answered, not an outage: check "
                + "the guard's URI or RedissonClient Config and the server's settings against Redis's answer.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_REFUSED);
        assertThat(bodyRuns).hasValue(0);
    }
}
