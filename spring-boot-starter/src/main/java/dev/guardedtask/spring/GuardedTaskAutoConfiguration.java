package dev.guardedtask.spring;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import dev.guardedtask.micrometer.TaskMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Auto-configures guardedtask in a Spring Boot 4.0 application (docs/guide.md, "Spring Boot"): a {@link TaskGuard}
 * bean, unless the application defines one, built from its {@link RedissonClient} bean or from
 * {@code guardedtask.redis.uri} / {@code guardedtask.redisson-config}, with the {@code guardedtask.*} properties
 * ({@link GuardedTaskProperties}), the application's {@link Clock} bean if it has exactly one, and its
 * {@link TaskListener} beans; {@link TaskMetrics} when a {@code MeterRegistry} bean exists; the guard installed
 * for woven methods while the context runs; and the {@code guardedtask} actuator endpoint
 * ({@link GuardedTaskEndpoint}). Runs after Redisson's own auto-configuration, so that its client is seen. Off with
 * {@code guardedtask.enabled=false}.
 */
@AutoConfiguration(afterName = {
        "org.redisson.spring.starter.RedissonAutoConfigurationV4",
        "org.redisson.spring.starter.RedissonAutoConfigurationV2",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnProperty(prefix = "guardedtask", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(GuardedTaskProperties.class)
public class GuardedTaskAutoConfiguration {

    /**
     * The guard: closed with the context (which shuts down a client it created from {@code guardedtask.redis.uri}
     * or {@code guardedtask.redisson-config}; never the application's RedissonClient).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TaskGuard taskGuard(GuardedTaskProperties properties, ObjectProvider<RedissonClient> redisson,
                        ObjectProvider<Clock> clock, ObjectProvider<TaskListener> listeners) {
        return new GuardFactory(properties).build(redisson.getIfUnique(), clock.getIfUnique(),
                listeners.orderedStream().toList());
    }

    /** Installs the context's guard, the auto-configured one or the application's own, while the context runs. */
    @Bean
    GuardInstaller guardedTaskInstaller(TaskGuard guard) {
        return new GuardInstaller(guard);
    }

    /** The meters of the runs ({@code guardedtask.runs}, ...), when the application has a MeterRegistry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.guardedtask.micrometer.TaskMetrics",
            "io.micrometer.core.instrument.MeterRegistry"})
    @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        TaskMetrics guardedTaskMetrics(MeterRegistry registry, ObjectProvider<Clock> clock) {
            Clock unique = clock.getIfUnique();
            return unique == null ? new TaskMetrics(registry) : new TaskMetrics(registry, unique);
        }
    }

    /** {@code /actuator/guardedtask}, when actuator is on the class path and the endpoint is exposed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    @ConditionalOnAvailableEndpoint(GuardedTaskEndpoint.class)
    static class Actuator {

        @Bean
        @ConditionalOnMissingBean
        GuardedTaskEndpoint guardedTaskEndpoint(TaskGuard guard) {
            return new GuardedTaskEndpoint(guard);
        }
    }
}
