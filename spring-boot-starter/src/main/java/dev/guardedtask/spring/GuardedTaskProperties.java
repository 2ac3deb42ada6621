package dev.guardedtask.spring;

import dev.guardedtask.KeyScheme;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code guardedtask.*} properties the auto-configured {@link dev.guardedtask.TaskGuard} is built from. A
 * property left unset keeps the builder's default ({@link dev.guardedtask.TaskGuard.Builder}); a value the builder
 * refuses fails start-up with the builder's message, prefixed with the property's name and value. Not thread-safe:
 * Spring binds it once at start-up.
 */
@ConfigurationProperties("guardedtask")
public class GuardedTaskProperties {

    /** Whether to auto-configure and install a TaskGuard. */
    private boolean enabled = true;

    private final Redis redis = new Redis();

    /**
     * A Redisson YAML configuration (Config.fromYAML's format: singleServerConfig, clusterServersConfig, ...) for a
     * client the guard creates and shuts down, e.g. classpath:redisson.yaml or file:/etc/app/redisson.yaml. Used
     * only when the application has no RedissonClient bean; do not set it together with guardedtask.redis.uri.
     */
    private Resource redissonConfig;

    /**
     * A namespace put before every key, ending with a separator, e.g. "billing:". Default: none (the Python
     * boilerplate's keys).
     */
    private String keyPrefix;

    /**
     * Default lock time to live, renewed every third of it while a body runs; from 1ms to 3650 days. Default: 300s.
     */
    private Duration lockTimeout;

    /** Default success key time to live; from 1ms to 3650 days. Default: 86400s (1 day). */
    private Duration successTtl;

    /**
     * How long closing the guard (with the context) waits for its runs in flight to end, with their lock renewal
     * and the guard's own Redis client still up; from 0 (do not wait) to 3650 days. Default: 30s.
     */
    private Duration closeTimeout;

    /** The zone in which "today" is taken, e.g. Europe/Paris. Default: the clock's zone (the system's). */
    private ZoneId zone;

    /**
     * How keys are named: PLAIN (the Python boilerplate's keys) or CLUSTER (hash tags, one slot per task). Default:
     * CLUSTER for a cluster client or a clusterServersConfig, else PLAIN.
     */
    private KeyScheme keyScheme;

    /**
     * How many replicas must acknowledge a run's acquire and finish (Redis WAIT); 0 is off. Needs
     * guardedtask.replica-timeout when above 0. Default: 0.
     */
    private Integer replicas;

    /** How long a run waits for guardedtask.replicas acknowledgements; from 1ms to 60s. No default. */
    private Duration replicaTimeout;

    /**
     * The name this guard's runs record as their worker's, in the history and in the locks the operator API shows.
     * Default: pid@host.
     */
    private String workerName;

    private final History history = new History();

    /** {@code guardedtask.redis.*}. */
    public static class Redis {

        /**
         * redis://[user:password@]host[:port][/database] or rediss:// for TLS: a client the guard creates (2s
         * timeouts, one retry) and shuts down. Used only when the application has no RedissonClient bean.
         */
        private String uri;

        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }
    }

    /** {@code guardedtask.history.*}: set both or neither. */
    public static class History {

        /**
         * Run history entries kept per task, 0 (none) to 1000000; set together with guardedtask.history.time-to-live.
         * Default: 1000.
         */
        private Integer maxRuns;

        /**
         * How long a task's history lives after its last write, from 1ms to 3650 days; set together with
         * guardedtask.history.max-runs. Default: 30 days.
         */
        private Duration timeToLive;

        public Integer getMaxRuns() {
            return maxRuns;
        }

        public void setMaxRuns(Integer maxRuns) {
            this.maxRuns = maxRuns;
        }

        public Duration getTimeToLive() {
            return timeToLive;
        }

        public void setTimeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Redis getRedis() {
        return redis;
    }

    public Resource getRedissonConfig() {
        return redissonConfig;
    }

    public void setRedissonConfig(Resource redissonConfig) {
        this.redissonConfig = redissonConfig;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getSuccessTtl() {
        return successTtl;
    }

    public void setSuccessTtl(Duration successTtl) {
        this.successTtl = successTtl;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public KeyScheme getKeyScheme() {
        return keyScheme;
    }

    public void setKeyScheme(KeyScheme keyScheme) {
        this.keyScheme = keyScheme;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Duration getReplicaTimeout() {
        return replicaTimeout;
    }

    public void setReplicaTimeout(Duration replicaTimeout) {
        this.replicaTimeout = replicaTimeout;
    }

    public String getWorkerName() {
        return workerName;
    }

    public void setWorkerName(String workerName) {
        this.workerName = workerName;
    }

    public History getHistory() {
        return history;
    }
}
