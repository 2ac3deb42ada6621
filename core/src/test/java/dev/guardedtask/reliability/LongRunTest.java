package dev.guardedtask.reliability;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.time.Duration;

/**
 * The long runs on one Redis server, with the 1 s lock and 3.5 s body whose figures docs/operations.md gives
 * (a body three and a half lock timeouts long).
 */
class LongRunTest extends LongRunContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

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

    @Override
    Duration lockTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    Duration bodyLength() {
        return Duration.ofMillis(3_500);
    }
}
