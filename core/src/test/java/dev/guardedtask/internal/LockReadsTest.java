package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskOperator.Lock;
import org.junit.jupiter.api.Test;
import org.redisson.misc.CompletableFutureWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lock as the operator shows it, from what its batch read: the holder ({@code GET}), the time left
 * ({@code PTTL}: -1 for no expiry, 0 in its last millisecond) and the run in progress ({@code HGETALL}),
 * which counts only if it is the holder's.
 */
class LockReadsTest {

    private static final String DAY = "20261128";
    private static final TaskKeys KEYS = new TaskKeys("", KeyScheme.PLAIN);
    private static final String HOLDER = "ab12cd34";
    private static final Map<String, String> HOLDERS_RUN = Map.of("task_id", HOLDER, "worker", "worker-1",
            "started", "1764324930000", "lock_ms", "60000", "fencing_token", "3");

    private static Lock read(String holder, long pttl, Map<String, String> run) {
        return new LockReads(KEYS.parse(KEYS.lock("report", DAY)), new CompletableFutureWrapper<>(holder),
                new CompletableFutureWrapper<>(Long.valueOf(pttl)), new CompletableFutureWrapper<>(run)).lock();
    }

    @Test
    void aLockRenewedTwentySecondsAgoShowsItsHoldersRun() {
        assertThat(read(HOLDER, 40_000, HOLDERS_RUN)).isEqualTo(new Lock("report", null, DAY, HOLDER, "worker-1",
                Instant.ofEpochMilli(1764324930000L), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(60), 3));
    }

    @Test
    void aLockInItsLastMillisecondHasNoTimeLeftAndWasRenewedAWholeTimeoutAgo() {
        assertThat(read(HOLDER, 0, HOLDERS_RUN)).isEqualTo(new Lock("report", null, DAY, HOLDER, "worker-1",
                Instant.ofEpochMilli(1764324930000L), Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(60), 3));
    }

    @Test
    void aLockWithoutExpiryHasNoTimeLeftAndNoKnownRenewal() {
        assertThat(read(HOLDER, -1, HOLDERS_RUN)).isEqualTo(new Lock("report", null, DAY, HOLDER, "worker-1",
                Instant.ofEpochMilli(1764324930000L), null, null, Duration.ofSeconds(60), 3));
    }

    @Test
    void aTimeLeftLongerThanTheHoldersTimeoutReadsAsRenewedJustNow() {
        assertThat(read(HOLDER, 90_000, HOLDERS_RUN).sinceRenewal()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theRunInProgressOfAnotherRunIsNotTheHolders() {
        Map<String, String> previous = Map.of("task_id", "99999999", "worker", "worker-2", "started", "1000",
                "lock_ms", "60000", "fencing_token", "2");

        assertThat(read(HOLDER, 30_000, previous)).isEqualTo(new Lock("report", null, DAY, HOLDER, null, null, null,
                Duration.ofSeconds(30), null, 0));
    }

    @Test
    void aRunInProgressWithoutStartOrTimeoutLeavesThemAndTheRenewalUnknown() {
        assertThat(read(HOLDER, 30_000, Map.of("task_id", HOLDER, "worker", "worker-1")))
                .isEqualTo(new Lock("report", null, DAY, HOLDER, "worker-1", null, null, Duration.ofSeconds(30), null, 0));
    }

    @Test
    void aLockGoneByTheTimeOfTheBatchIsNone() {
        assertThat(read(null, -2, Map.of())).isNull();
    }
}
