package dev.guardedtask.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunKeysTest {

    private final RunKeys daily = new RunKeys(List.of("lock:t:20261128"), "success:t:20261128", "fence:t");
    private final RunKeys recurring = new RunKeys(List.of("lock:t:20261128", "lock:t"), null, "fence:t");

    @Test
    void aRunHoldsAtLeastOneLock() {
        assertThatThrownBy(() -> new RunKeys(List.of(), null, "fence:t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a run holds at least one lock");
    }

    @Test
    void theAcquireSendsTheLocksThenTheSuccessKeyThenTheCounterAndTheOthersNoCounter() {
        assertThat(daily.acquireKeys()).containsExactly("lock:t:20261128", "success:t:20261128", "fence:t");
        assertThat(recurring.acquireKeys()).containsExactly("lock:t:20261128", "lock:t", "fence:t");
        assertThat(daily.finishKeys()).containsExactly("lock:t:20261128", "success:t:20261128");
        assertThat(daily.withoutSuccess().finishKeys()).containsExactly("lock:t:20261128");
        assertThat(daily.renewKeys()).containsExactly("lock:t:20261128");
        assertThat(recurring.withoutSuccess()).isSameAs(recurring);
    }

    @Test
    void aRecordedRunSendsItsRunKeyWithTheLocksAndItsHistoryAndCountsWhereTheScriptsWriteThem() {
        RunKeys recorded = new TaskKeys("", dev.guardedtask.KeyScheme.PLAIN).forRecordedRun("t", null, "20261128", false);
        assertThat(recorded.acquireKeys())
                .containsExactly("lock:t:20261128", "success:t:20261128", "fence:t", "run:t:20261128", "stats:t");
        assertThat(recorded.renewKeys()).containsExactly("lock:t:20261128", "run:t:20261128");
        assertThat(recorded.finishKeys()).containsExactly(
                "lock:t:20261128", "success:t:20261128", "run:t:20261128", "history:t", "stats:t");
        assertThat(recorded.withoutSuccess().finishKeys())
                .containsExactly("lock:t:20261128", "run:t:20261128", "history:t", "stats:t");
        assertThat(recorded.unrecorded()).isEqualTo(new TaskKeys("", dev.guardedtask.KeyScheme.PLAIN)
                .forRun("t", null, "20261128", false));
        assertThatThrownBy(() -> new RunKeys(List.of("lock:t:20261128"), null, "fence:t", "run:t:20261128", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the run, history and stats keys go together: run:t:20261128, null, null");
    }

    @Test
    void aRunWithoutACounterCannotBeAcquired() {
        assertThatThrownBy(() -> RunKeys.of("lock:t:20261128", null).acquireKeys())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a run without a fencing counter cannot be acquired: lock:t:20261128");
    }

    @Test
    void itShowsItsLocksAndSuccessKey() {
        assertThat(daily).hasToString("lock:t:20261128 (success key success:t:20261128)");
        assertThat(recurring).hasToString("lock:t:20261128, lock:t");
    }
}
