package dev.guardedtask.reliability;

import dev.guardedtask.testsupport.topology.EmbeddedSentinel;
import dev.guardedtask.testsupport.topology.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.List;

/**
 * The failover run on a Sentinel group of its own (master + replica + 3 sentinels): the sentinels promote the
 * replica. Its own group, not the suite's: the kill leaves the roles swapped and the sentinels refuse a second
 * failover of the same master for 8 s, which other ITs would meet.
 */
class SentinelFailoverIT extends FailoverContract {

    private static EmbeddedSentinel group;
    private static Config config;

    @BeforeAll
    static void start() {
        group = EmbeddedSentinel.start();
        config = group.config();
        withRetries(config.useSentinelServers());
    }

    @AfterAll
    static void stop() {
        if (group != null) {
            group.close();
        }
    }

    @Override
    String topology() {
        return "Sentinel";
    }

    @Override
    RedissonClient connect() {
        return group.connect(config);
    }

    @Override
    BaseConfig<?> clientSettings() {
        return config.useSentinelServers();
    }

    @Override
    RedisProcess killPrimaryOf(List<String> keys) {
        return group.killMaster();
    }

    @Override
    void awaitServing(RedisProcess killed, Duration bound) {
        group.awaitFailover(killed, bound);
    }

    @Override
    void restoreReplica() {
        group.heal();
    }
}
