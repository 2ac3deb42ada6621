package dev.guardedtask.testsupport.junit;

import dev.guardedtask.testsupport.topology.EmbeddedCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster, 3 masters + 3 replicas ({@link EmbeddedCluster}), started once per test suite
 * (JVM) and shared by every class that registers this extension; a Redisson client per test class. Before
 * each test, nodes a test killed are started again (they rejoin as replicas), the cluster is whole again,
 * and every master is emptied.
 *
 * <pre>{@code @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();}</pre>
 */
public final class RedisClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private EmbeddedCluster cluster;
    private RedissonClient client;
    private StringKeys keys;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = SuiteTopology.get(context, EmbeddedCluster.class, "Redis Cluster (3 masters + 3 replicas)",
                EmbeddedCluster::start);
        cluster.heal();
        client = cluster.connect();
        keys = new StringKeys(client);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster.heal();
        cluster.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) { // null if beforeAll failed
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The suite's cluster: nodes, kills, failover waits. */
    public EmbeddedCluster cluster() {
        return cluster;
    }

    /** This test class's client ({@link EmbeddedCluster#config()}: reads from masters). */
    public RedissonClient client() {
        return client;
    }

    /** A new client, as a separate worker would have; the caller shuts it down. */
    public RedissonClient connect() {
        return cluster.connect();
    }

    public String get(String key) {
        return keys.get(key);
    }

    /** Remaining time to live in ms as {@code PTTL} gives it: -2 absent, -1 no expiry. */
    public long pttl(String key) {
        return keys.pttl(key);
    }

    public void set(String key, String value, Duration ttl) {
        keys.set(key, value, ttl);
    }

    public void delete(String key) {
        keys.delete(key);
    }

    /** Every key of every master with its value, e.g. {@code lock:t:20260301=ab12cd34}, sorted. */
    public Set<String> keyspace() {
        return keys.keyspace();
    }
}
