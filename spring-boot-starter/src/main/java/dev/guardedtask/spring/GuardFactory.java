package dev.guardedtask.spring;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Builds the auto-configured guard from {@link GuardedTaskProperties}: each property goes to its builder call, and a
 * value the builder refuses becomes a start-up failure naming the property, its value and the builder's reason.
 */
final class GuardFactory {

    private static final Logger log = LoggerFactory.getLogger(GuardFactory.class);

    static final String NO_STORE = "guardedtask: no Redis to coordinate through. Do one of: define a RedissonClient "
            + "bean (e.g. with org.redisson:redisson-spring-boot-starter), set guardedtask.redis.uri "
            + "(redis://host:6379/0), or set guardedtask.redisson-config (classpath:redisson.yaml or "
            + "file:/path/redisson.yaml). Or set guardedtask.enabled=false to auto-configure no TaskGuard.";

    private final GuardedTaskProperties properties;
    private final TaskGuard.Builder builder = TaskGuard.builder();

    GuardFactory(GuardedTaskProperties properties) {
        this.properties = properties;
    }

    /**
     * @param client the application's RedissonClient bean, or {@code null} if it has none (or several)
     * @param clock the application's Clock bean, or {@code null} for the builder's default (the system clock)
     * @param listeners the TaskListener beans, in order
     */
    TaskGuard build(RedissonClient client, Clock clock, List<TaskListener> listeners) {
        store(client);
        if (clock != null) {
            builder.clock(clock);
        }
        options();
        listeners.forEach(builder::listener);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new GuardedTaskConfigurationException("guardedtask: the TaskGuard cannot be built from the "
                    + "guardedtask.* properties: " + e.getMessage(), e);
        }
    }

    private void store(RedissonClient client) {
        String uri = properties.getRedis().getUri();
        Resource config = properties.getRedissonConfig();
        if (client != null) {
            if (uri != null || config != null) {
                log.warn("guardedtask: the application's RedissonClient bean is used; guardedtask.redis.uri and "
                        + "guardedtask.redisson-config are ignored (remove them, or the bean)");
            }
            builder.redisson(client);
        } else if (uri != null && config != null) {
            throw new GuardedTaskConfigurationException("guardedtask: both guardedtask.redis.uri and "
                    + "guardedtask.redisson-config (" + config.getDescription() + ") are set; set only one of them.");
        } else if (uri != null) {
            // No value here: the builder's own message shows the URI without its password.
            apply("guardedtask.redis.uri", null, () -> builder.redis(uri));
        } else if (config != null) {
            apply("guardedtask.redisson-config", config.getDescription(), () -> builder.redissonConfig(url(config)));
        } else {
            throw new GuardedTaskConfigurationException(NO_STORE);
        }
    }

    private static java.net.URL url(Resource config) {
        try {
            return config.getURL();
        } catch (IOException e) {
            throw new IllegalArgumentException("it cannot be read (" + e.getMessage() + "); use classpath:name.yaml "
                    + "or file:/path/name.yaml", e);
        }
    }

    private void options() {
        GuardedTaskProperties p = properties;
        if (p.getKeyPrefix() != null) {
            apply("guardedtask.key-prefix", p.getKeyPrefix(), () -> builder.keyPrefix(p.getKeyPrefix()));
        }
        if (p.getLockTimeout() != null) {
            apply("guardedtask.lock-timeout", p.getLockTimeout(), () -> builder.lockTimeout(p.getLockTimeout()));
        }
        if (p.getSuccessTtl() != null) {
            apply("guardedtask.success-ttl", p.getSuccessTtl(), () -> builder.successTtl(p.getSuccessTtl()));
        }
        if (p.getCloseTimeout() != null) {
            apply("guardedtask.close-timeout", p.getCloseTimeout(), () -> builder.closeTimeout(p.getCloseTimeout()));
        }
        if (p.getZone() != null) {
            builder.zone(p.getZone());
        }
        if (p.getKeyScheme() != null) {
            builder.keyScheme(p.getKeyScheme());
        }
        if (p.getWorkerName() != null) {
            apply("guardedtask.worker-name", p.getWorkerName(), () -> builder.workerName(p.getWorkerName()));
        }
        replicas();
        history();
    }

    private void replicas() {
        Integer replicas = properties.getReplicas();
        if (replicas == null || replicas == 0 && properties.getReplicaTimeout() == null) {
            return;
        }
        if (replicas > 0 && properties.getReplicaTimeout() == null) {
            throw new GuardedTaskConfigurationException("guardedtask.replicas=" + replicas
                    + " needs guardedtask.replica-timeout too (from 1ms to 60s, e.g. 500ms).");
        }
        apply("guardedtask.replicas", replicas + ", guardedtask.replica-timeout=" + properties.getReplicaTimeout(),
                () -> builder.waitForReplicas(replicas, properties.getReplicaTimeout()));
    }

    private void history() {
        GuardedTaskProperties.History history = properties.getHistory();
        if (history.getMaxRuns() == null && history.getTimeToLive() == null) {
            return;
        }
        if (history.getMaxRuns() == null || history.getTimeToLive() == null) {
            throw new GuardedTaskConfigurationException("guardedtask.history: set both "
                    + "guardedtask.history.max-runs and guardedtask.history.time-to-live (e.g. 1000 and 30d), or "
                    + "neither for the defaults; got max-runs=" + history.getMaxRuns() + ", time-to-live=" + history.getTimeToLive() + ".");
        }
        apply("guardedtask.history.max-runs", history.getMaxRuns() + ", guardedtask.history.time-to-live="
                + history.getTimeToLive(), () -> builder.history(history.getMaxRuns(), history.getTimeToLive()));
    }

    /** Runs one builder call; its refusal becomes a failure naming the property and the value. */
    private static void apply(String property, Object value, Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new GuardedTaskConfigurationException(property + (value == null ? "" : "=" + value)
                    + " is refused: " + e.getMessage(), e);
        }
    }
}
