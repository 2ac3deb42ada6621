package dev.guardedtask.internal;

import dev.guardedtask.testsupport.junit.RedisClusterExtension;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The store contract on a Redis Cluster (3 masters + 3 replicas), through Redisson's cluster client.
 *
 * <p>The recurring cases (one key per script) run. The daily cases send the lock and the success key to one
 * script; with today's keys ({@code lock:T:D}, {@code success:T:D}) those hash to different slots and Redis
 * answers {@code CROSSSLOT}. They are switched off below, each by an override marked {@link #NEEDS_KEY_SCHEME}:
 * once the cluster key scheme (issue 12, branch keys) gives the contract keys in one slot, delete the overrides.
 */
class ClusterTaskStoreIT extends TaskStoreContract {

    static final String NEEDS_KEY_SCHEME = "needs the cluster key scheme, branch keys: lock and success keys in one slot";

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    private final TaskStore store = new RedisTaskStore(redis.client());

    @Override
    TaskStore store() {
        return store;
    }

    @Override
    String value(String key) {
        return redis.get(key);
    }

    @Override
    long pttl(String key) {
        return redis.pttl(key);
    }

    @Override
    void put(String key, String value, Duration ttl) {
        redis.set(key, value, ttl);
    }

    @Override
    void letExpire(String key, Duration ttl) {
        await().atMost(ttl.plusSeconds(5)).until(() -> redis.pttl(key) == -2);
    }

    // Daily cases: CROSSSLOT until the cluster key scheme lands. Delete from here to the end of the class then.

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void acquireSetsTheLockToTheRunIdWithTheLockTimeout() {
        super.acquireSetsTheLockToTheRunIdWithTheLockTimeout();
    }

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void aResentAcquireOfTheSameRunGetsItsLockAgain() {
        super.aResentAcquireOfTheSameRunGetsItsLockAgain();
    }

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void anExistingSuccessKeySkipsWithoutLocking() {
        super.anExistingSuccessKeySkipsWithoutLocking();
    }

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void aHeldLockSkipsAndIsLeftAlone() {
        super.aHeldLockSkipsAndIsLeftAlone();
    }

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void finishMarksSuccessWithItsTtlAndReleasesTheLock() {
        super.finishMarksSuccessWithItsTtlAndReleasesTheLock();
    }

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void finishStillMarksSuccessWhenTheLockWasLost() {
        super.finishStillMarksSuccessWhenTheLockWasLost();
    }

    @Test
    @Disabled(NEEDS_KEY_SCHEME)
    @Override
    void racingAcquiresGiveTheLockToExactlyOneRun() throws Exception {
        super.racingAcquiresGiveTheLockToExactlyOneRun();
    }
}
