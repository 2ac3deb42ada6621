package dev.guardedtask;

import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import java.util.Set;

/** The race on one Redis server. */
class RaceTest extends RaceContract {

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
    Set<String> keyspace() {
        return redis.keyspace();
    }
}
