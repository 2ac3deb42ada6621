package dev.guardedtask.spring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.micrometer.TaskMetrics;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configuration on a real Redis: where the guard's client comes from, what each property changes in the
 * built guard (seen in Redis), start-up failures with their exact messages, the installation while the context
 * runs (two contexts in one JVM), the application's own guard, listeners and meters.
 */
class GuardedTaskAutoConfigurationTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;

    /** A fixed clock bean, and no RedissonClient unless a test adds one. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GuardedTaskAutoConfiguration.class))
            .withBean(Clock.class, TestClocks::fixed);

    /** With the suite's client as the application's RedissonClient bean. */
    private ApplicationContextRunner withClient() {
        return runner.withBean(RedissonClient.class, redis::client);
    }

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
    }

    private static TaskResult runReport(TaskGuard guard) {
        return guard.run(TaskOptions.daily("report"), DAY, result -> result.increment("rows"));
    }

    /** The message of the first cause in the start-up failure's chain that this module wrote. */
    private static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("guardedtask")) {
                return t.getMessage();
            }
        }
        throw new AssertionError("no guardedtask message in the chain", context.getStartupFailure());
    }

    private static String refusal(Runnable builderCall) {
        try {
            builderCall.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the builder accepted it");
    }

    @Test
    void theGuardIsBuiltOnTheApplicationsRedissonClientInstalledWhileTheContextRunsAndLeavesTheClientOpen() {
        withClient().run(context -> {
            TaskGuard guard = context.getBean(TaskGuard.class);
            assertThat(GuardedTasks.installed()).containsSame(guard);

            TaskResult result = runReport(guard);

            assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(redis.get("success:report:" + DAY)).isEqualTo("completed");
            assertThat(runReport(guard).reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        });
        assertThat(GuardedTasks.installed()).isEmpty();
        assertThat(redis.client().isShutdown()).isFalse();
    }

    @Test
    void withoutAClientBeanTheGuardConnectsToGuardedtaskRedisUri() {
        runner.withPropertyValues("guardedtask.redis.uri=" + redis.uri()).run(context -> {
            TaskGuard guard = context.getBean(TaskGuard.class);
            assertThat(GuardedTasks.installed()).containsSame(guard);

            assertThat(runReport(guard).status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(redis.get("success:report:" + DAY)).isEqualTo("completed");
        });
    }

    @Test
    void withoutAClientBeanTheGuardConnectsThroughGuardedtaskRedissonConfig(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("redisson.yaml"),
                "singleServerConfig:\n  address: \"" + redis.uri() + "\"\n");
        runner.withPropertyValues("guardedtask.redisson-config=file:" + yaml).run(context -> {
            TaskGuard guard = context.getBean(TaskGuard.class);

            assertThat(runReport(guard).status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(redis.get("success:report:" + DAY)).isEqualTo("completed");
        });
    }

    @Test
    void aMissingRedissonConfigFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("guardedtask.redisson-config=classpath:absent.yaml").run(context ->
                assertThat(failure(context)).startsWith("guardedtask.redisson-config=class path resource "
                        + "[absent.yaml] is refused: it cannot be read (class path resource [absent.yaml] cannot be "
                        + "resolved to URL because it does not exist); use classpath:name.yaml or "
                        + "file:/path/name.yaml"));
    }

    @Test
    void noClientNoUriAndNoConfigFailStartUpSayingWhatToSet() {
        runner.run(context -> assertThat(failure(context)).isEqualTo("guardedtask: no Redis to coordinate through. "
                + "Do one of: define a RedissonClient bean (e.g. with org.redisson:redisson-spring-boot-starter), set "
                + "guardedtask.redis.uri (redis://host:6379/0), or set guardedtask.redisson-config "
                + "(classpath:redisson.yaml or file:/path/redisson.yaml). Or set guardedtask.enabled=false to "
                + "auto-configure no TaskGuard."));
    }

    @Test
    void bothUriAndConfigFailStartUp() {
        runner.withPropertyValues("guardedtask.redis.uri=" + redis.uri(),
                "guardedtask.redisson-config=classpath:redisson.yaml").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask: both guardedtask.redis.uri and "
                        + "guardedtask.redisson-config (class path resource [redisson.yaml]) are set; set only one of "
                        + "them."));
    }

    @Test
    void keyPrefixKeySchemeAndSuccessTtlShowInTheKeysTheRunWrites() {
        withClient().withPropertyValues("guardedtask.key-prefix=billing:", "guardedtask.key-scheme=CLUSTER",
                "guardedtask.success-ttl=2h").run(context -> {
            TaskGuard guard = context.getBean(TaskGuard.class);
            assertThat(guard.keyScheme()).isEqualTo(KeyScheme.CLUSTER);

            runReport(guard);

            String success = "billing:success:{report}:" + DAY;
            assertThat(redis.get(success)).isEqualTo("completed");
            assertThat(redis.pttl(success)).isBetween(7_190_000L, 7_200_000L);
        });
    }

    @Test
    void lockTimeoutIsTheLocksTimeToLive() {
        withClient().withPropertyValues("guardedtask.lock-timeout=45s").run(context -> {
            List<Long> pttl = new ArrayList<>();
            context.getBean(TaskGuard.class).run(TaskOptions.daily("report"), DAY,
                    result -> pttl.add(redis.pttl("lock:report:" + DAY)));

            assertThat(pttl).hasSize(1);
            assertThat(pttl.get(0)).isBetween(44_000L, 45_000L);
        });
    }

    @Test
    void withoutPropertiesTheBuildersDefaultsHold() {
        withClient().run(context -> {
            List<Long> pttl = new ArrayList<>();
            TaskGuard guard = context.getBean(TaskGuard.class);
            guard.run(TaskOptions.daily("report"), DAY, result -> pttl.add(redis.pttl("lock:report:" + DAY)));

            assertThat(pttl.get(0)).isBetween(299_000L, 300_000L);
            assertThat(redis.pttl("success:report:" + DAY)).isBetween(86_390_000L, 86_400_000L);
            assertThat(guard.keyScheme()).isEqualTo(KeyScheme.PLAIN);
            assertThat(guard.zone()).isEqualTo(TestClocks.fixed().getZone());
            assertThat(guard.today()).isEqualTo(DAY);
        });
    }

    @Test
    void closingTheContextWaitsForTheRunInFlightWhichRecordsItsDateAndReleasesItsLock() {
        // The guard's own client (redis.uri): a close that did not wait would shut it down under the run.
        runner.withPropertyValues("guardedtask.redis.uri=" + redis.uri(), "guardedtask.close-timeout=20s")
                .run(context -> {
                    TaskGuard guard = context.getBean(TaskGuard.class);
                    CountDownLatch endWork = new CountDownLatch(1);
                    CompletableFuture<TaskResult> running = CompletableFuture.supplyAsync(() ->
                            guard.run(TaskOptions.daily("report"), DAY, result -> endWork.await()));
                    try {
                        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get("lock:report:" + DAY) != null);
                        CompletableFuture.runAsync(endWork::countDown,
                                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

                        context.close();

                        assertThat(redis.get("lock:report:" + DAY)).isNull();
                        assertThat(redis.get("success:report:" + DAY)).isEqualTo("completed");
                        TaskResult result = running.get(10, TimeUnit.SECONDS);
                        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
                        assertThat(result.warnings()).isEmpty();
                    } finally {
                        endWork.countDown();
                    }
                });
    }

    @Test
    void aNegativeCloseTimeoutFailsStartUpNamingThePropertyAndTheValue() {
        String builder = refusal(() -> TaskGuard.builder().closeTimeout(Duration.ofSeconds(-1)));
        withClient().withPropertyValues("guardedtask.close-timeout=-1s").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.close-timeout=PT-1S is refused: " + builder));
    }

    @Test
    void zoneDecidesToday() {
        // 2026-11-28T10:15:30Z is already the 29th at UTC+14
        withClient().withPropertyValues("guardedtask.zone=Pacific/Kiritimati").run(context ->
                assertThat(context.getBean(TaskGuard.class).today()).isEqualTo("20261129"));
    }

    @Test
    void workerNameAndHistoryShowInTheHistory() {
        withClient().withPropertyValues("guardedtask.worker-name=node-7", "guardedtask.history.max-runs=2",
                "guardedtask.history.time-to-live=1h").run(context -> {
            TaskGuard guard = context.getBean(TaskGuard.class);
            for (int i = 0; i < 3; i++) {
                guard.run(TaskOptions.recurring("poll"), DAY, result -> { });
            }

            List<dev.guardedtask.TaskOperator.Run> runs = guard.operator().runs("poll", null, null, 10);
            assertThat(runs).hasSize(2);
            assertThat(runs).extracting(dev.guardedtask.TaskOperator.Run::worker).containsExactly("node-7", "node-7");
            assertThat(guard.workerName()).isEqualTo("node-7");
        });
    }

    @Test
    void aNegativeLockTimeoutFailsStartUpNamingThePropertyAndTheValue() {
        String builder = refusal(() -> TaskGuard.builder().lockTimeout(Duration.ofSeconds(-1)));
        withClient().withPropertyValues("guardedtask.lock-timeout=-1s").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.lock-timeout=PT-1S is refused: " + builder));
    }

    @Test
    void aZeroSuccessTtlFailsStartUpNamingThePropertyAndTheValue() {
        String builder = refusal(() -> TaskGuard.builder().successTtl(Duration.ZERO));
        withClient().withPropertyValues("guardedtask.success-ttl=0s").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.success-ttl=PT0S is refused: " + builder));
    }

    @Test
    void aKeyPrefixWithoutSeparatorFailsStartUpNamingThePropertyAndTheValue() {
        String builder = refusal(() -> TaskGuard.builder().keyPrefix("billing"));
        withClient().withPropertyValues("guardedtask.key-prefix=billing").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.key-prefix=billing is refused: " + builder));
    }

    @Test
    void negativeReplicasFailStartUpNamingThePropertiesAndTheValues() {
        String builder = refusal(() -> TaskGuard.builder().waitForReplicas(-1, Duration.ofMillis(500)));
        withClient().withPropertyValues("guardedtask.replicas=-1", "guardedtask.replica-timeout=500ms").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.replicas=-1, guardedtask.replica-timeout=PT0.5S "
                        + "is refused: " + builder));
    }

    @Test
    void replicasWithoutATimeoutFailStartUp() {
        withClient().withPropertyValues("guardedtask.replicas=1").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.replicas=1 needs guardedtask.replica-timeout too "
                        + "(from 1ms to 60s, e.g. 500ms)."));
    }

    @Test
    void halfAHistoryFailsStartUp() {
        withClient().withPropertyValues("guardedtask.history.max-runs=10").run(context ->
                assertThat(failure(context)).isEqualTo("guardedtask.history: set both guardedtask.history.max-runs "
                        + "and guardedtask.history.time-to-live (e.g. 1000 and 30d), or neither for the defaults; got "
                        + "max-runs=10, time-to-live=null."));
    }

    @Test
    void aBadRedisUriFailsStartUpNamingThePropertyWithoutThePassword() {
        runner.withPropertyValues("guardedtask.redis.uri=http://user:secret@localhost:6379").run(context -> {
            String message = failure(context);
            assertThat(message).startsWith("guardedtask.redis.uri is refused: ");
            assertThat(message).doesNotContain("secret");
        });
    }

    @Test
    void anUnknownZoneFailsStartUpNamingThePropertyAndTheValue() {
        withClient().withPropertyValues("guardedtask.zone=Mars/Olympus").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Mars/Olympus");
            assertThat(context.getStartupFailure()).hasMessageContaining("guardedtask");
        });
    }

    @Test
    void theApplicationsOwnGuardWinsAndIsInstalled() {
        Clock clock = TestClocks.fixed();
        TaskGuard own = TaskGuard.builder().redisson(redis.client()).clock(clock).keyPrefix("own:").build();
        withClient().withBean("ownGuard", TaskGuard.class, () -> own).run(context -> {
            assertThat(context).getBeans(TaskGuard.class).hasSize(1);
            assertThat(context.getBean(TaskGuard.class)).isSameAs(own);
            assertThat(GuardedTasks.installed()).containsSame(own);
        });
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void disabledThereIsNoGuardAndNothingIsInstalled() {
        withClient().withPropertyValues("guardedtask.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(TaskGuard.class);
            assertThat(context).doesNotHaveBean(GuardInstaller.class);
            assertThat(GuardedTasks.installed()).isEmpty();
        });
    }

    @Test
    void twoContextsClosingTheFirstLeavesTheSecondsGuardInstalledAndClosingTheSecondUninstalls() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(GuardInstaller.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            withClient().run(firstContext -> {
                TaskGuard firstGuard = firstContext.getBean(TaskGuard.class);
                assertThat(GuardedTasks.installed()).containsSame(firstGuard);
                assertThat(logs.list).isEmpty();

                ConfigurableApplicationContext second = startSecond();
                TaskGuard secondGuard = second.getBean(TaskGuard.class);
                try {
                    assertThat(GuardedTasks.installed()).containsSame(secondGuard);
                    assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);

                    firstContext.close();
                    assertThat(GuardedTasks.installed()).containsSame(secondGuard);
                    assertThat(runReport(GuardedTasks.installed().orElseThrow()).status())
                            .isEqualTo(TaskStatus.SUCCESS);
                } finally {
                    second.close();
                }
                assertThat(GuardedTasks.installed()).isEmpty();
            });
        } finally {
            logger.detachAppender(logs);
        }
    }

    /** A second, independent context, started and left open for the caller to close. */
    private ConfigurableApplicationContext startSecond() {
        org.springframework.context.annotation.AnnotationConfigApplicationContext second =
                new org.springframework.context.annotation.AnnotationConfigApplicationContext();
        second.registerBean(Clock.class, TestClocks::fixed);
        second.registerBean(RedissonClient.class, redis::client);
        second.register(GuardedTaskAutoConfiguration.class);
        second.refresh();
        return second;
    }

    @Test
    void listenerBeansAreRegisteredAndAMeterRegistryGetsTheRunsMeters() {
        List<String> seen = new ArrayList<>();
        TaskListener listener = new TaskListener() {
            @Override
            public void finished(TaskResult result, Duration duration) {
                seen.add(result.task() + " " + result.status());
            }
        };
        withClient().withBean(TaskListener.class, () -> listener)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(TaskMetrics.class);
            TaskGuard guard = context.getBean(TaskGuard.class);

            runReport(guard);
            runReport(guard);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(TaskMetrics.RUNS).tags("task", "report", "status", "success", "reason", "none")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get(TaskMetrics.RUNS).tags("task", "report", "status", "skipped",
                    "reason", "already_completed").counter().count()).isEqualTo(1.0);
            assertThat(seen).containsExactly("report SUCCESS");
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetrics() {
        withClient().run(context -> assertThat(context).doesNotHaveBean(TaskMetrics.class));
    }

    @Test
    void bootsStartUpFailureReportShowsTheMessageAndWhatToDo() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        // Boot's own logging set-up would reset logback, and drop the appender
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            SpringApplicationBuilder app = new SpringApplicationBuilder(GuardedTaskAutoConfiguration.class)
                    .web(WebApplicationType.NONE);

            assertThatThrownBy(app::run).hasRootCauseMessage(GuardFactory.NO_STORE);
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .contains("Description:\n\n" + GuardFactory.NO_STORE + "\n")
                    .contains("Action:\n\n" + GuardedTaskFailureAnalyzer.ACTION)
                    .doesNotContain("\tat ");
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            logger.detachAppender(logs);
        }
    }
}
