package dev.guardedtask.spring;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskError;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.Javac;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A woven bean's {@code @GuardedTask} method goes through the auto-configured guard while the context runs; an unwoven
 * one fails start-up.
 */
class WovenBeanTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GuardedTaskAutoConfiguration.class))
            .withBean(Clock.class, TestClocks::fixed)
            .withBean(RedissonClient.class, redis::client)
            .withBean(ReportJob.class);

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void uninstall() {
        Thread.currentThread().setContextClassLoader(original);
        GuardedTasks.uninstall();
    }

    @Test
    void anUnwovenGuardedClassFailsStartUpWithTheMessageOfInstall(@TempDir Path dir) throws IOException {
        // compiled by plain javac (with core's processor, which lists it), so not woven
        assertThat(Javac.compile(dir, "Jobs", """
                package com.acme;
                public class Jobs {
                    @dev.guardedtask.GuardedTask(name = "task_daily_report") public void report() { }
                }
                """).errors()).isEmpty();
        Thread.currentThread().setContextClassLoader(
                new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, original));

        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("@GuardedTask methods were not woven, so they would run unguarded (no "
                            + "lock, no skip): com.acme.Jobs (report). Weave them: ");
        });
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void theWovenMethodRunsOnceForTheDateThroughTheAutoConfiguredGuardThenSkips() {
        runner.withPropertyValues("guardedtask.key-prefix=app:").run(context -> {
            ReportJob job = context.getBean(ReportJob.class);

            TaskResult first = job.report(null, null);
            TaskResult second = job.report(null, null);

            assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(first.date()).isEqualTo(DAY);
            assertThat(first.count("rows")).isEqualTo(3);
            assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
            assertThat(job.bodies).hasValue(1);
            assertThat(redis.get("app:success:woven_report:" + DAY)).isEqualTo("completed");
        });
    }

    @Test
    void afterTheContextClosedTheWovenMethodFindsNoGuardAndItsBodyDoesNotRun() {
        ReportJob[] job = new ReportJob[1];
        runner.run(context -> job[0] = context.getBean(ReportJob.class));

        assertThatThrownBy(() -> job[0].report(null, null)).isInstanceOf(TaskError.class)
                .satisfies(e -> assertThat(((TaskError) e).result().reason()).isEqualTo("not_installed"));
        assertThat(job[0].bodies).hasValue(0);
    }
}
