package dev.guardedtask.reliability;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.testsupport.topology.EmbeddedCluster;
import dev.guardedtask.testsupport.topology.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failover run on a Redis Cluster of its own (3 masters + 3 replicas): the killed master's replica is elected
 * in its place. Its own cluster, not the suite's, which the other ITs share.
 */
class ClusterFailoverIT extends FailoverContract {

    private static EmbeddedCluster cluster;
    private static Config config;

    @BeforeAll
    static void start() {
        cluster = EmbeddedCluster.start();
        config = cluster.config();
        withRetries(config.useClusterServers());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String topology() {
        return "Cluster";
    }

    @Override
    RedissonClient connect() {
        return cluster.connect(config);
    }

    @Override
    BaseConfig<?> clientSettings() {
        return config.useClusterServers();
    }

    @Override
    RedisProcess killPrimaryOf(List<String> keys) {
        List<RedisProcess> masters = keys.stream().map(cluster::masterOf).distinct().collect(Collectors.toList());
        assertThat(masters).as("the masters of " + keys).hasSize(1);
        return cluster.killMasterOf(keys.get(0));
    }

    @Override
    void awaitServing(RedisProcess killed, Duration bound) {
        cluster.awaitServing(bound);
    }

    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }

    @Override
    void restoreReplica() {
        cluster.heal();
    }
}
