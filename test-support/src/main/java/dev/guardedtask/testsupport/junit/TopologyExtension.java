package dev.guardedtask.testsupport.junit;

import dev.guardedtask.testsupport.topology.Topology;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A topology started once per test suite (JVM) and shared by every class that registers a subclass; a
 * Redisson client per test class. Before each test the topology is healed (what a test killed is started
 * again) and emptied.
 */
public abstract class TopologyExtension<T extends Topology> implements BeforeAllCallback, BeforeEachCallback,
        AfterAllCallback, RedisKeys {

    private final Class<T> type;
    private final String description;
    private final Supplier<T> start;
    private T topology;
    private RedissonClient client;
    private StringKeys keys;

    TopologyExtension(Class<T> type, String description, Supplier<T> start) {
        this.type = type;
        this.description = description;
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        topology = SuiteTopology.get(context, type, description, start);
        topology.heal();
        client = topology.connect();
        keys = new StringKeys(client);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        topology.heal();
        topology.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) { // null if beforeAll failed
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The suite's topology. */
    T topology() {
        return topology;
    }

    /** This test class's client (reads from masters). */
    public RedissonClient client() {
        return client;
    }

    /** A new client, as a separate worker would have; the caller shuts it down. */
    public RedissonClient connect() {
        return topology.connect();
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

    /**
     * Every key of every master with its value, e.g. {@code lock:t:20260301=ab12cd34}, sorted; the tasks'
     * fencing counters ({@code fence:T}), which live for good, left out.
     */
    public Set<String> keyspace() {
        return keys.keyspace();
    }
}
