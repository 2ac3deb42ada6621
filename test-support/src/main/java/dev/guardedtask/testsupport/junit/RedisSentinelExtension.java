package dev.guardedtask.testsupport.junit;

import dev.guardedtask.testsupport.topology.EmbeddedSentinel;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Sentinel group, a master + 1 replica + 3 sentinels with quorum 2 ({@link EmbeddedSentinel}), started
 * once per test suite (JVM) and shared by every class that registers this extension; a Redisson client per
 * test class. Before each test, processes a test killed are started again (a data node as the replica of
 * whichever node is master now), the sentinels agree on the group again, and the master is emptied.
 *
 * <pre>{@code @RegisterExtension static final RedisSentinelExtension sentinel = new RedisSentinelExtension();}</pre>
 */
public final class RedisSentinelExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private EmbeddedSentinel group;
    private RedissonClient client;
    private StringKeys keys;

    @Override
    public void beforeAll(ExtensionContext context) {
        group = SuiteTopology.get(context, EmbeddedSentinel.class, "Sentinel group (master + replica + 3 sentinels)",
                EmbeddedSentinel::start);
        group.heal();
        client = group.connect();
        keys = new StringKeys(client);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        group.heal();
        group.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) { // null if beforeAll failed
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The suite's group: master, replica, sentinels, kills, failover waits. */
    public EmbeddedSentinel group() {
        return group;
    }

    /** This test class's client ({@link EmbeddedSentinel#config()}: reads from the master). */
    public RedissonClient client() {
        return client;
    }

    /** A new client, as a separate worker would have; the caller shuts it down. */
    public RedissonClient connect() {
        return group.connect();
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

    /** Every key with its value, e.g. {@code lock:t:20260301=ab12cd34}, sorted. */
    public Set<String> keyspace() {
        return keys.keyspace();
    }
}
