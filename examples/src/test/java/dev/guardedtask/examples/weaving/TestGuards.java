package dev.guardedtask.examples.weaving;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.testsupport.TestClocks;
import org.redisson.api.RedissonClient;

/** Guards on the tests' fixed clock ({@link TestClocks#fixed()}), so "today" is {@link #TODAY} in every test. */
final class TestGuards {

    static final String TODAY = TestClocks.TODAY;

    private TestGuards() {
    }

    static TaskGuard on(RedissonClient client) {
        return TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).build();
    }
}
