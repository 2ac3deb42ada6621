package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.guardedtask.examples.weaving.TestGuards.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/** Compile-time weaving guards the calls that a proxy never sees. */
class GuardedWithoutProxiesTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private TaskGuard guard;

    @BeforeEach
    void installGuard() {
        guard = TestGuards.on(redis.client());
        GuardedTasks.install(guard);
        PlainJobs.staticRuns.set(0);
    }

    @AfterEach
    void uninstallGuard() {
        GuardedTasks.uninstall();
        guard.close();
    }

    @Test
    void privateMethodIsGuarded() {
        PlainJobs jobs = new PlainJobs();

        jobs.callPrivate();
        jobs.callPrivate();

        assertThat(jobs.privateRuns).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:private_task:" + TODAY + "=completed");
    }

    @Test
    void selfInvocationIsGuarded() {
        PlainJobs jobs = new PlainJobs();

        jobs.callSelf();
        jobs.callSelf();

        assertThat(jobs.selfRuns).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:self_task:" + TODAY + "=completed");
    }

    @Test
    void staticMethodIsGuarded() {
        PlainJobs.refreshStatically();
        PlainJobs.refreshStatically();

        assertThat(PlainJobs.staticRuns).hasValue(1);
        assertThat(redis.keyspace()).containsExactly("success:static_task:" + TODAY + "=completed");
    }

    @Test
    void objectsCreatedWithNewAreGuardedAcrossInstances() {
        PlainJobs first = new PlainJobs();
        PlainJobs second = new PlainJobs();

        first.plain();
        second.plain();

        assertThat(first.plainRuns).hasValue(1);
        assertThat(second.plainRuns).hasValue(0);
        assertThat(redis.keyspace()).containsExactly("success:plain_task:" + TODAY + "=completed");
    }
}
