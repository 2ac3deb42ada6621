package dev.guardedtask.testsupport.junit;

import dev.guardedtask.testsupport.topology.EmbeddedSentinel;

/**
 * A real Sentinel group, a master + 1 replica + 3 sentinels with quorum 2 ({@link EmbeddedSentinel}), started
 * once per test suite (JVM) and shared by every class that registers this extension; a Redisson client per
 * test class. Before each test, processes a test killed are started again (a data node as the replica of
 * whichever node is master now), the sentinels agree on the group again, and the master is emptied.
 *
 * <pre>{@code @RegisterExtension static final RedisSentinelExtension sentinel = new RedisSentinelExtension();}</pre>
 */
public final class RedisSentinelExtension extends TopologyExtension<EmbeddedSentinel> {

    public RedisSentinelExtension() {
        super(EmbeddedSentinel.class, "Sentinel group (master + replica + 3 sentinels)", EmbeddedSentinel::start);
    }

    /** The suite's group: master, replica, sentinels, kills, failover waits. */
    public EmbeddedSentinel group() {
        return topology();
    }
}
