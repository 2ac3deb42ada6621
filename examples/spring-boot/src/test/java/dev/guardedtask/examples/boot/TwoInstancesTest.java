package dev.guardedtask.examples.boot;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the example, as two application contexts in one JVM on one Redis, each with its own guard: the
 * daily task runs exactly once across both, and the recurring task's runs never overlap; the instance that does not
 * hold its lock is skipped with {@code lock_held}.
 */
class TwoInstancesTest {

    private static final String DIGEST = "task_daily_digest";
    private static final String SYNC = "task_sync_prices";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final GatedPriceFeed feed = new GatedPriceFeed();

    @Test
    void dailyTaskRunsOnceAcrossBothAndRecurringRunsNeverOverlap() throws InterruptedException {
        try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
            RecordingListener one = first.getBean(RecordingListener.class);
            RecordingListener two = second.getBean(RecordingListener.class);

            assertThat(feed.entered.await(30, TimeUnit.SECONDS)).isTrue();
            RecordingListener holder = one.started(SYNC) == 1 ? one : two;
            RecordingListener other = holder == one ? two : one;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> other.ended(SYNC, TaskStatus.SKIPPED, TaskResult.LOCK_HELD) >= 2);
            assertThat(other.started(SYNC)).isZero();
            feed.release();
            await().atMost(Duration.ofSeconds(30)).until(() -> one.ended(SYNC, TaskStatus.SUCCESS, null) >= 2
                    && two.ended(SYNC, TaskStatus.SUCCESS, null) >= 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> one.ended(DIGEST).size() >= 2
                    && two.ended(DIGEST).size() >= 2);

            assertThat(feed.mostInside).hasValue(1);
            assertThat(one.started(DIGEST) + two.started(DIGEST)).isEqualTo(1);
            assertThat(one.ended(DIGEST, TaskStatus.SUCCESS, null) + two.ended(DIGEST, TaskStatus.SUCCESS, null))
                    .isEqualTo(1);
            assertThat(redis.get("success:" + DIGEST + ":" + TestClocks.TODAY)).isEqualTo("completed");
        }
    }

    /**
     * One instance: the example's sources and the tests' beans, the gated feed, and a scheduler that lends every
     * scheduled run this context's guard ({@link GuardedTasks#runWith}): woven methods otherwise use the JVM's one
     * installed guard, which two contexts in one JVM would share.
     */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SpringBootExampleApp.class, ExampleTestBeans.class)
                .properties("guardedtask.redis.uri=" + redis.uri(), "example.daily-digest.delay=PT0.05S",
                        "example.sync-prices.delay=PT0.05S", "spring.main.banner-mode=off")
                .initializers(context -> {
                    GenericApplicationContext beans = (GenericApplicationContext) context;
                    beans.registerBean("gatedPriceFeed", PriceFeed.class, () -> feed, bean -> bean.setPrimary(true));
                    beans.registerBean("taskScheduler", TaskScheduler.class, () -> scheduler(beans));
                })
                .run();
    }

    private static ThreadPoolTaskScheduler scheduler(GenericApplicationContext context) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setTaskDecorator(work -> () -> GuardedTasks.runWith(context.getBean(TaskGuard.class), work));
        return scheduler;
    }
}
