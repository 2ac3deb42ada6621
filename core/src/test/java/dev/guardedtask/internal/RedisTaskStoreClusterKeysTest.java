package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;

/**
 * The store contract and the Redis store's own tests with {@link KeyScheme#CLUSTER}'s keys, on a
 * standalone Redis (where the hash tags are only part of the names): the scripts are the same.
 */
class RedisTaskStoreClusterKeysTest extends RedisTaskStoreTest {

    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }
}
