package dev.guardedtask.testsupport.topology;

import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedSentinelIT {

    @RegisterExtension
    static final RedisSentinelExtension redis = new RedisSentinelExtension();

    @Test
    void threeSentinelsWithQuorumTwoWatchAMasterAndItsReplica() {
        EmbeddedSentinel group = redis.group();

        assertThat(group.sentinels()).hasSize(3).allSatisfy(sentinel ->
                assertThat(fields(sentinel.call("SENTINEL", "MASTER", EmbeddedSentinel.MASTER_NAME)))
                        .containsEntry("flags", "master").containsEntry("port", Integer.toString(group.master().port()))
                        .containsEntry("quorum", "2").containsEntry("num-other-sentinels", "2")
                        .containsEntry("num-slaves", "1"));
        assertThat(group.master().info("replication")).containsEntry("role", "master").containsEntry("connected_slaves", "1");
        assertThat(group.replica().info("replication")).containsEntry("role", "slave")
                .containsEntry("master_port", Integer.toString(group.master().port()))
                .containsEntry("master_link_status", "up");
    }

    @Test
    void redissonWritesThroughTheMasterAndTheReplicaFollows() {
        EmbeddedSentinel group = redis.group();

        redis.set("written", "through Redisson", Duration.ofMinutes(5));
        group.awaitReplicated(Duration.ofSeconds(10));

        assertThat(group.master().call("GET", "written")).isEqualTo("through Redisson");
        assertThat(group.replica().call("GET", "written")).isEqualTo("through Redisson");
        assertThat(redis.get("written")).isEqualTo("through Redisson");
    }

    @Test
    void aKilledMasterIsReplacedByItsReplicaRedissonWritesAgainAndTheMasterComesBackAsReplica() {
        EmbeddedSentinel group = redis.group();
        redis.set("before", "written before the kill", Duration.ofMinutes(5));
        group.awaitReplicated(Duration.ofSeconds(10));
        RedisProcess master = group.master();
        RedisProcess replica = group.replica();

        long killed = System.nanoTime();
        assertThat(group.killMaster()).isEqualTo(master);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            redis.client().getBucket("after", StringCodec.INSTANCE).set("written after the kill");
            return true;
        });
        long written = System.nanoTime();
        RedisProcess promoted = group.awaitFailover(master, Duration.ofSeconds(30));
        long agreed = System.nanoTime();
        group.heal();
        long healed = System.nanoTime();

        assertThat(master.log()).as("a kill -9, not a shutdown").doesNotContain("Received SIGTERM");
        assertThat(promoted).isEqualTo(replica);
        assertThat(promoted.call("GET", "after")).isEqualTo("written after the kill");
        assertThat(promoted.call("GET", "before")).isEqualTo("written before the kill");
        assertThat(group.replica()).isEqualTo(master);
        System.out.printf(Locale.ROOT, "[test-support] sentinel failover: Redisson wrote again %.2f s after kill -9, every"
                        + " sentinel named the promoted replica after %.2f s; killed node back as replica in %.2f s%n",
                seconds(written - killed), seconds(agreed - killed), seconds(healed - agreed));
    }

    private static Map<String, String> fields(Object flatReply) {
        List<?> flat = (List<?>) flatReply;
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return map;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
