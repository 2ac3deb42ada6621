package dev.guardedtask.examples.boot;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example application as Spring Boot starts it: its {@code @Scheduled} methods, woven by ajc, run through the
 * starter's guard (on the test's fixed clock) every 50 ms; the daily task runs once, the recurring one again and again.
 */
@SpringBootTest(classes = {SpringBootExampleApp.class, ExampleTestBeans.class, SpringBootExampleAppTest.QuickFeed.class},
        properties = {"example.daily-digest.delay=PT0.05S", "example.sync-prices.delay=PT0.05S"})
@DirtiesContext
class SpringBootExampleAppTest {

    /**
     * Not the RedisExtension: it empties Redis before each test, after the context's schedule has begun. Stopped by
     * its shutdown hook when the JVM ends, after the context (closed after this class) no longer calls it.
     */
    private static final EmbeddedRedis redis = EmbeddedRedis.start();

    @Autowired
    private TaskGuard guard;

    @Autowired
    private RecordingListener runs;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("guardedtask.redis.uri", redis::uri);
    }

    @Test
    void theScheduledMethodsRunThroughTheStartersGuard() {
        assertThat(GuardedTasks.installed()).containsSame(guard);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runs.ended("task_daily_digest", TaskStatus.SKIPPED, TaskResult.ALREADY_COMPLETED) >= 2
                        && runs.ended("task_sync_prices", TaskStatus.SUCCESS, null) >= 3);

        assertThat(runs.started("task_daily_digest")).isEqualTo(1);
        assertThat(runs.ended("task_daily_digest", TaskStatus.SUCCESS, null)).isEqualTo(1);
        assertThat(runs.ended("task_daily_digest")).allSatisfy(r -> assertThat(r.date()).isEqualTo(TestClocks.TODAY));
    }

    /** A price feed that answers at once. */
    static class QuickFeed {

        @Bean
        @Primary
        PriceFeed quickFeed() {
            return () -> 7;
        }
    }
}
