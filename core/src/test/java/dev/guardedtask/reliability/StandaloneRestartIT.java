package dev.guardedtask.reliability;

import dev.guardedtask.testsupport.topology.EmbeddedServer;
import dev.guardedtask.testsupport.topology.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.List;

/**
 * The failover run on one server with no replica: {@code kill -9}, then started again at once on the same port, as
 * a supervisor would. With the embedded server's settings ({@code save ""}, {@code appendonly no}) it comes back
 * empty: every lock and success key is gone.
 */
class StandaloneRestartIT extends FailoverContract {

    private static EmbeddedServer server;
    private static Config config;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start();
        config = server.config();
        withRetries(config.useSingleServer());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String topology() {
        return "standalone, restarted";
    }

    @Override
    RedisProcess killPrimaryOf(List<String> keys) {
        return server.kill();
    }

    @Override
    void awaitServing(RedisProcess killed, Duration bound) {
        server.restart();
    }

    @Override
    RedissonClient connect() {
        return server.connect(config);
    }

    @Override
    BaseConfig<?> clientSettings() {
        return config.useSingleServer();
    }
}
