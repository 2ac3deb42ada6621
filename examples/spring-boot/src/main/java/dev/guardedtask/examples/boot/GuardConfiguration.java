package dev.guardedtask.examples.boot;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Clock;

/**
 * INTERIM, until guardedtask-spring-boot-starter's auto-configuration is merged: the guard of this context, on
 * {@code guardedtask.redis.uri}, with the context's {@link TaskListener} beans and its {@link Clock} bean if any;
 * the scheduler runs every scheduled method with this guard lent to its thread ({@link GuardedTasks#runWith}), so
 * two contexts in one JVM each use their own guard.
 */
@Configuration(proxyBeanMethods = false)
class GuardConfiguration {

    @Bean(destroyMethod = "close")
    TaskGuard taskGuard(@Value("${guardedtask.redis.uri}") String uri, ObjectProvider<Clock> clock,
            ObjectProvider<TaskListener> listeners) {
        TaskGuard.Builder builder = TaskGuard.builder().redis(uri);
        clock.ifAvailable(builder::clock);
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    @Bean
    ThreadPoolTaskScheduler taskScheduler(TaskGuard guard) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2); // a long task_sync_prices run does not hold back task_daily_digest
        scheduler.setThreadNamePrefix("jobs-");
        scheduler.setTaskDecorator(work -> () -> GuardedTasks.runWith(guard, work));
        return scheduler;
    }
}
