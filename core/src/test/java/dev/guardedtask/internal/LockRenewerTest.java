package dev.guardedtask.internal;

import dev.guardedtask.internal.LockRenewer.Renewal;
import dev.guardedtask.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Renewal on the in-memory store, whose clock the test moves: renewal shows as a time to live reset. */
class LockRenewerTest {

    static final String LOCK = "lock:task_x:20261128";
    static final long TIMEOUT = 300;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final MemoryTaskStore store = new MemoryTaskStore(clock);
    private final LockRenewer renewer = new LockRenewer();

    @AfterEach
    void close() {
        renewer.close();
    }

    @Test
    void itResetsTheTimeToLiveOfALockTheRunStillOwns() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        Renewal renewal = renewer.start(store, LOCK, "aaaa1111", TIMEOUT, "test run");
        clock.advance(Duration.ofMillis(250));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.pttl(LOCK) == TIMEOUT);

        renewal.stop();
        assertThat(renewal.lost()).isFalse();
    }

    @Test
    void itReportsALockTakenByAnotherRunAndLeavesIt() {
        store.put(LOCK, "deadbeef", TIMEOUT);
        Renewal renewal = renewer.start(store, LOCK, "aaaa1111", TIMEOUT, "test run");

        await().atMost(Duration.ofSeconds(5)).until(renewal::lost);

        assertThat(store.get(LOCK)).isEqualTo("deadbeef");
    }

    @Test
    void aStoppedRenewalNeitherRenewsNorReportsALoss() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        Renewal renewal = renewer.start(store, LOCK, "aaaa1111", TIMEOUT, "test run");
        renewal.stop();
        clock.advance(Duration.ofMillis(250));

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> store.pttl(LOCK) == 50);
        store.put(LOCK, "deadbeef", TIMEOUT);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> !renewal.lost());
    }

    @Test
    void aClosedRenewerStopsRenewingAndStartsNothing() {
        store.put(LOCK, "aaaa1111", TIMEOUT);
        renewer.start(store, LOCK, "aaaa1111", TIMEOUT, "test run");
        renewer.close();
        clock.advance(Duration.ofMillis(250));

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> store.pttl(LOCK) == 50);
        assertThat(renewer.isClosed()).isTrue();
        assertThatThrownBy(() -> renewer.start(store, LOCK, "aaaa1111", TIMEOUT, "test run"))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
