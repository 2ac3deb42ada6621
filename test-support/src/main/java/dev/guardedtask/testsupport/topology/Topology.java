package dev.guardedtask.testsupport.topology;

import org.redisson.api.RedissonClient;

/** What the JUnit extensions need of a topology started for a whole test suite. */
public interface Topology extends AutoCloseable {

    /** Starts again what a test killed and waits, bounded, until the topology is whole. */
    void heal();

    /** Empties every master. */
    void flushAll();

    /** A new Redisson client on this topology; the caller shuts it down. */
    RedissonClient connect();

    @Override
    void close();
}
