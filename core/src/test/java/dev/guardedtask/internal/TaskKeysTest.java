package dev.guardedtask.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskKeysTest {

    @Test
    void withoutAPrefixKeysAreTheBoilerplates() {
        TaskKeys keys = new TaskKeys("");

        assertThat(keys.lock("task_odds", "20261128")).isEqualTo("lock:task_odds:20261128");
        assertThat(keys.success("task_odds", "20261128")).isEqualTo("success:task_odds:20261128");
    }

    @Test
    void aPrefixGoesBeforeEveryKey() {
        TaskKeys keys = new TaskKeys("billing:");

        assertThat(keys.lock("t", "20260301")).isEqualTo("billing:lock:t:20260301");
        assertThat(keys.success("t", "20260301")).isEqualTo("billing:success:t:20260301");
    }
}
