package dev.guardedtask;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskOptionsTest {

    @Test
    void dailyAndRecurringTakeTheGuardsDurations() {
        assertThat(TaskOptions.daily("task_x")).isEqualTo(new TaskOptions("task_x", false, null, null));
        assertThat(TaskOptions.recurring("task_x")).isEqualTo(new TaskOptions("task_x", true, null, null));
    }

    @Test
    void withersReplaceOneDurationAndKeepTheRest() {
        TaskOptions options = TaskOptions.recurring("task_x").withLockTimeout(Duration.ofMinutes(10))
                .withSuccessTtl(Duration.ofDays(2));

        assertThat(options).isEqualTo(new TaskOptions("task_x", true, Duration.ofMinutes(10), Duration.ofDays(2)));
        assertThat(options.withLockTimeout(null)).isEqualTo(new TaskOptions("task_x", true, null, Duration.ofDays(2)));
    }

    @Test
    void withKeySetsTheKeyTheOtherWithersKeepItAndWithoutKeyRemovesIt() {
        TaskOptions keyed = TaskOptions.daily("task_x").withKey("c1");

        assertThat(TaskOptions.daily("task_x").key()).isNull();
        assertThat(keyed).isEqualTo(new TaskOptions("task_x", false, null, null, "c1"));
        assertThat(keyed.withLockTimeout(Duration.ofMinutes(1)).withSuccessTtl(Duration.ofDays(2)))
                .isEqualTo(new TaskOptions("task_x", false, Duration.ofMinutes(1), Duration.ofDays(2), "c1"));
        assertThat(keyed.withoutKey()).isEqualTo(TaskOptions.daily("task_x"));
    }

    @Test
    void aNullKeyIsRefusedNotTakenForNoKey() {
        assertThatThrownBy(() -> TaskOptions.daily("task_x").withKey(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': key null is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], e.g. "
                        + "'customer_42'; map other values to such a text (e.g. an id or a hash) before passing them.");
    }

    @Test
    void theConstructorChecksTheKey() {
        assertThatThrownBy(() -> new TaskOptions("task_x", true, null, null, "a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': key 'a b' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], e.g. "
                        + "'customer_42'; map other values to such a text (e.g. an id or a hash) before passing them.");
    }

    @Test
    void theConstructorChecksBothDurations() {
        assertThatThrownBy(() -> TaskOptions.daily("task_x").withSuccessTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': successTtl PT0S must be at least 1 ms, e.g. P1D (1 day).");
        assertThatThrownBy(() -> new TaskOptions("task_x", false, Duration.ofMillis(-1), null))
                .hasMessage("Task 'task_x': lockTimeout PT-0.001S must be at least 1 ms, e.g. PT5M (5 minutes).");
    }

    @Test
    void anAnnotationsRecurringFlagAndDurationsAreKept() {
        GuardedTask recurring = new GuardedTask() {
            public String name() { return "task_odds"; }
            public boolean recurring() { return true; }
            public String lockTimeout() { return "PT10M"; }
            public String successTtl() { return ""; }
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return GuardedTask.class; }
        };

        assertThat(TaskOptions.of(recurring)).isEqualTo(new TaskOptions("task_odds", true, Duration.ofMinutes(10), null));
    }
}
