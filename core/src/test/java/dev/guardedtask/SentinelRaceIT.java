package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.util.Set;

/** The race on a Sentinel group (master + replica + 3 sentinels), through Redisson's sentinel client. */
class SentinelRaceIT extends RaceContract {

    @RegisterExtension
    static final RedisSentinelExtension redis = new RedisSentinelExtension();

    @Override
    RedissonClient client() {
        return redis.client();
    }

    @Override
    RedissonClient connect() {
        return redis.connect();
    }

    @Override
    Set<String> keyspace() {
        return redis.keyspace();
    }
}
