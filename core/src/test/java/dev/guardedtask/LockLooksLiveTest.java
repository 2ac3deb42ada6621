package dev.guardedtask;

import dev.guardedtask.TaskOperator.Lock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Lock#looksLive()}: the release rule on a lock as read, the same as the release script's. */
class LockLooksLiveTest {

    private static Lock lock(Duration sinceRenewal, Duration lockTimeout) {
        return new Lock("report", null, "20261128", "ab12cd34", lockTimeout == null ? null : "worker-1", null, sinceRenewal,
                Duration.ofSeconds(10), lockTimeout, 0);
    }

    @Test
    void aLockRenewedWithinTheLastHalfOfItsTimeoutIsLiveFromHalfOnItIsNot() {
        assertThat(lock(Duration.ofSeconds(149), Duration.ofSeconds(300)).looksLive()).isTrue();
        assertThat(lock(Duration.ofMillis(149_999), Duration.ofSeconds(300)).looksLive()).isTrue();
        assertThat(lock(Duration.ofSeconds(150), Duration.ofSeconds(300)).looksLive()).isFalse();
        assertThat(lock(Duration.ofSeconds(290), Duration.ofSeconds(300)).looksLive()).isFalse();
    }

    @Test
    void aHolderWhoseTimeoutIsUnknownIsLiveAndALockWithoutExpiryOfAKnownHolderIsNot() {
        assertThat(lock(null, null).looksLive()).as("a Python worker's lock: age unknown").isTrue();
        assertThat(lock(null, Duration.ofSeconds(300)).looksLive()).as("no expiry, set by hand").isFalse();
    }
}
