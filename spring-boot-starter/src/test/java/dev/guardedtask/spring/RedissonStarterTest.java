package dev.guardedtask.spring;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code org.redisson:redisson-spring-boot-starter} 4.7.0 on the class path, its auto-configuration
 * ({@code RedissonAutoConfigurationV4}) makes the RedissonClient from {@code spring.data.redis.*}, and the
 * auto-configured guard, ordered after it, is built on that client.
 */
class RedissonStarterTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    /** No RedissonClient of its own: Redisson's starter makes it. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Clock clock() {
            return TestClocks.fixed();
        }
    }

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
    }

    @Test
    void theGuardIsBuiltOnTheClientOfRedissonsStarter() {
        int port = URI.create(redis.uri()).getPort();
        RedissonClient client;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", port,
                        "management.endpoints.enabled-by-default", "false"))
                .run()) {
            client = app.getBean(RedissonClient.class);
            TaskGuard guard = app.getBean(TaskGuard.class);
            assertThat(GuardedTasks.installed()).containsSame(guard);

            assertThat(guard.run(TaskOptions.daily("report"), TestClocks.TODAY, result -> { }).status())
                    .isEqualTo(TaskStatus.SUCCESS);
            assertThat(redis.get("success:report:" + TestClocks.TODAY)).isEqualTo("completed");
            assertThat(client.getBucket("success:report:" + TestClocks.TODAY,
                    org.redisson.client.codec.StringCodec.INSTANCE).get()).isEqualTo("completed");
        }
        assertThat(GuardedTasks.installed()).isEmpty();
        assertThat(client.isShutdown()).as("shut down by Redisson's starter, not by the guard").isTrue();
    }
}
