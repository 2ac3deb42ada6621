package dev.guardedtask.testsupport.topology;

import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.redisnode.RedisCluster;
import org.redisson.api.redisnode.RedisNodes;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedClusterIT {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Test
    void threeMastersServeAll16384SlotsAndEachHasAConnectedReplica() {
        EmbeddedCluster cluster = redis.cluster();

        for (RedisProcess node : cluster.nodes()) {
            assertThat(clusterInfo(node)).as(node.toString()).containsEntry("cluster_state", "ok")
                    .containsEntry("cluster_slots_assigned", "16384").containsEntry("cluster_slots_ok", "16384")
                    .containsEntry("cluster_known_nodes", "6").containsEntry("cluster_size", "3");
        }
        assertThat(cluster.masters()).hasSize(3).allSatisfy(master ->
                assertThat(master.info("replication")).containsEntry("role", "master").containsEntry("connected_slaves", "1"));
        assertThat(cluster.replicas()).hasSize(3).allSatisfy(replica ->
                assertThat(replica.info("replication")).containsEntry("role", "slave").containsEntry("master_link_status", "up"));
        assertThat(cluster.replicas().stream().map(cluster::masterOfReplica).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(cluster.masters());
        RedisCluster seen = redis.client().getRedisNodes(RedisNodes.CLUSTER);
        assertThat(seen.getMasters()).as("masters Redisson sees").extracting(node -> node.getAddr().getPort())
                .containsExactlyInAnyOrderElementsOf(cluster.masters().stream().map(RedisProcess::port).collect(Collectors.toList()));
    }

    @Test
    void redissonWritesAndReadsKeysOnEveryMaster() {
        EmbeddedCluster cluster = redis.cluster();
        Map<RedisProcess, String> keyOnMaster = new HashMap<>();
        for (int i = 0; keyOnMaster.size() < 3; i++) {
            keyOnMaster.putIfAbsent(cluster.masterOf("key-" + i), "key-" + i);
        }

        keyOnMaster.forEach((master, key) -> redis.set(key, "value of " + key, Duration.ofMinutes(5)));

        Set<Integer> slots = new HashSet<>();
        keyOnMaster.forEach((master, key) -> {
            assertThat(redis.get(key)).isEqualTo("value of " + key);
            assertThat(master.call("GET", key)).as("GET on " + master).isEqualTo("value of " + key);
            slots.add(cluster.slot(key));
        });
        assertThat(slots).hasSize(3);
        assertThat(redis.keyspace()).containsExactlyInAnyOrderElementsOf(keyOnMaster.values().stream()
                .map(key -> key + "=value of " + key).collect(Collectors.toList()));
    }

    @Test
    void aKilledMastersReplicaServesItsSlotsAndTheReplicatedKeyAndTheMasterComesBackAsReplica() {
        EmbeddedCluster cluster = redis.cluster();
        String key = "failover";
        redis.set(key, "written before the kill", Duration.ofMinutes(5));
        cluster.awaitReplicated(Duration.ofSeconds(10));
        RedisProcess master = cluster.masterOf(key);
        RedisProcess replica = cluster.replicaOf(master);

        long killed = System.nanoTime();
        assertThat(cluster.killMasterOf(key)).isEqualTo(master);
        cluster.awaitServing(Duration.ofSeconds(30));
        long promoted = System.nanoTime();
        String value = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> redis.get(key), read -> read != null);
        long readable = System.nanoTime();
        cluster.heal();
        long healed = System.nanoTime();

        assertThat(master.isAlive()).isTrue();
        assertThat(master.log()).as("a kill -9, not a shutdown").doesNotContain("Received SIGTERM");
        assertThat(cluster.masterOf(key)).isEqualTo(replica);
        assertThat(value).isEqualTo("written before the kill");
        assertThat(cluster.replicaOf(replica)).isEqualTo(master);
        System.out.printf(Locale.ROOT, "[test-support] cluster failover: slot served by the promoted replica %.2f s after"
                        + " kill -9, key read through Redisson after %.2f s; killed node back as replica in %.2f s%n",
                seconds(promoted - killed), seconds(readable - killed), seconds(healed - readable));
    }

    private static Map<String, String> clusterInfo(RedisProcess node) {
        return ((String) node.call("CLUSTER", "INFO")).lines().filter(line -> line.contains(":"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                        line -> line.substring(line.indexOf(':') + 1).strip()));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
