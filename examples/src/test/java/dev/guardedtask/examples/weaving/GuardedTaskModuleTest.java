package dev.guardedtask.examples.weaving;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.guice.GuardedTaskModule;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Set;

import static dev.guardedtask.examples.weaving.TestGuards.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Guice module installs the guard; classes the injector builds are guarded. */
class GuardedTaskModuleTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private TaskGuard guard;

    @BeforeEach
    void noGuardInstalled() {
        GuardedTasks.uninstall();
        guard = TestGuards.on(redis.client());
    }

    @AfterEach
    void uninstallGuard() {
        GuardedTasks.uninstall();
        guard.close();
    }

    @Test
    void injectorCreationInstallsAndBindsTheGuard() {
        Injector injector = Guice.createInjector(new GuardedTaskModule(guard));

        assertThat(GuardedTasks.installed()).containsSame(guard);
        assertThat(injector.getInstance(TaskGuard.class)).isSameAs(guard);
    }

    @Test
    void classFromTheInjectorIsGuarded() {
        NightlyJobs jobs = Guice.createInjector(new GuardedTaskModule(guard)).getInstance(NightlyJobs.class);

        TaskResult first = jobs.run(null);
        TaskResult second = jobs.run(null);

        assertThat(jobs.runs).hasValue(1);
        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(redis.keyspace()).containsExactly("success:nightly:" + TODAY + "=completed");
    }

    @Test
    void moduleAndInjectorDoNotTouchRedis() {
        redis.set("lock:nightly:" + TODAY, "deadbeef", Duration.ofMinutes(1));
        Set<String> before = redis.keyspace();

        GuardedTaskModule module = new GuardedTaskModule(guard);
        Guice.createInjector(module).getInstance(NightlyJobs.class);

        assertThat(redis.keyspace()).isEqualTo(before).containsExactly("lock:nightly:" + TODAY + "=deadbeef");
    }

    @Test
    void injectorIsCreatedWhileRedisIsDown() {
        redis.stop();
        try {
            Guice.createInjector(new GuardedTaskModule(guard)).getInstance(NightlyJobs.class);

            assertThat(GuardedTasks.installed()).containsSame(guard);
        } finally {
            redis.start();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> redis.keyspace().isEmpty());
        }
    }
}
