package dev.guardedtask.internal;

import dev.guardedtask.testsupport.SystemRedis;
import dev.guardedtask.testsupport.junit.RedisExtension;
import dev.guardedtask.testsupport.junit.RedisKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on Debian's {@code redis-server} 7.0 ({@code /usr/bin/redis-server}), the second server
 * version of the matrix; {@code RedisTaskStoreTest} runs it on the embedded 6.2. Skipped where the package is
 * missing, failed in CI ({@link SystemRedis}).
 */
class Redis70TaskStoreIT extends RedisStoreContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension(SystemRedis::binary);

    @Override
    RedisKeys redis() {
        return redis;
    }

    @Test
    void theServerIsRedis70() {
        assertThat(redis.client().getRedisNodes(RedisNodes.SINGLE).getInstance().info(InfoSection.SERVER)
                .get("redis_version")).startsWith("7.0.");
    }
}
