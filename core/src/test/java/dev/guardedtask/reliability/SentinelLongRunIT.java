package dev.guardedtask.reliability;

import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * The long runs on a Sentinel group (master + replica + 3 sentinels), through Redisson's sentinel client.
 */
class SentinelLongRunIT extends LongRunContract {

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
    String get(String key) {
        return redis.get(key);
    }
}
