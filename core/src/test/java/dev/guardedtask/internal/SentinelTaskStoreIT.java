package dev.guardedtask.internal;

import dev.guardedtask.testsupport.junit.RedisSentinelExtension;
import dev.guardedtask.testsupport.junit.RedisKeys;
import org.junit.jupiter.api.extension.RegisterExtension;



/** The store contract on a Sentinel group (master + replica + 3 sentinels), through Redisson's sentinel client. */
class SentinelTaskStoreIT extends RedisStoreContract {

    @RegisterExtension
    static final RedisSentinelExtension redis = new RedisSentinelExtension();


    @Override
    RedisKeys redis() {
        return redis;
    }
}
