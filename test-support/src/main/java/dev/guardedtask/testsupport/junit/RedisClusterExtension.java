package dev.guardedtask.testsupport.junit;

import dev.guardedtask.testsupport.topology.EmbeddedCluster;

/**
 * A real Redis Cluster, 3 masters + 3 replicas ({@link EmbeddedCluster}), started once per test suite
 * (JVM) and shared by every class that registers this extension; a Redisson client per test class. Before
 * each test, nodes a test killed are started again (they rejoin as replicas), the cluster is whole again,
 * and every master is emptied.
 *
 * <pre>{@code @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();}</pre>
 */
public final class RedisClusterExtension extends TopologyExtension<EmbeddedCluster> {

    public RedisClusterExtension() {
        super(EmbeddedCluster.class, "Redis Cluster (3 masters + 3 replicas)", EmbeddedCluster::start);
    }

    /** The suite's cluster: nodes, kills, failover waits. */
    public EmbeddedCluster cluster() {
        return topology();
    }
}
