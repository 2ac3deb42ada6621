package dev.guardedtask.bench;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.net.URI;
import java.time.Duration;

/**
 * The clients of one Redis that the contenders share: one Redisson client (Redisson's defaults, as a
 * user gets them, unless {@code --netty-threads} / {@code --pool} say otherwise) behind (a), (b), (b'), (c) and (e); a guard on it, installed for the woven methods;
 * and Spring Data Redis on Lettuce (its defaults: one shared, multiplexed connection) behind ShedLock (d).
 */
final class Clients implements AutoCloseable {

    final RedissonClient redisson;
    final TaskGuard guard;
    /** The same client, keeping no history ({@code history(0, ...)}): what the history costs. */
    final TaskGuard guardWithoutHistory;
    final LettuceConnectionFactory lettuce;
    final RedisLockProvider shedLock;

    Clients(String redisUri, int nettyThreads, int poolSize) {
        URI uri = URI.create(redisUri);
        Config config = new Config();
        SingleServerConfig server = config.useSingleServer()
                .setAddress("redis://" + uri.getHost() + ":" + uri.getPort()).setDatabase(database(uri));
        if (nettyThreads > 0) {
            config.setNettyThreads(nettyThreads);
        }
        if (poolSize > 0) {
            server.setConnectionPoolSize(poolSize).setConnectionMinimumIdleSize(poolSize);
        }
        redisson = Redisson.create(config);
        guard = TaskGuard.builder().redisson(redisson).build();
        guardWithoutHistory = TaskGuard.builder().redisson(redisson).history(0, Duration.ofDays(1)).build();
        GuardedTasks.install(guard);
        RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        standalone.setDatabase(database(uri));
        lettuce = new LettuceConnectionFactory(standalone);
        lettuce.afterPropertiesSet();
        lettuce.start();
        shedLock = new RedisLockProvider(lettuce, "bench");
    }

    private static int database(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }

    /** Empties the bench's database, between rounds: each round starts from an empty keyspace. */
    void flush() {
        redisson.getKeys().flushdb();
    }

    @Override
    public void close() {
        GuardedTasks.uninstall();
        guard.close();
        guardWithoutHistory.close();
        lettuce.destroy();
        redisson.shutdown();
    }
}
