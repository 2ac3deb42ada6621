package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;

/** The store contract on the in-memory store with {@link KeyScheme#CLUSTER}'s keys: to it, keys are only names. */
class MemoryTaskStoreClusterKeysTest extends MemoryTaskStoreTest {

    @Override
    KeyScheme scheme() {
        return KeyScheme.CLUSTER;
    }
}
