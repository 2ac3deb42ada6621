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

        /** {@return {@code guardedtask.redis.uri}, {@code null} when unset} */
        public String getUri() {
            return uri;
        }

        /**
         * Sets {@code guardedtask.redis.uri}.
         *
         * @param uri the value; {@code null} keeps the builder's default
         */
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

        /** {@return {@code guardedtask.history.max-runs}, {@code null} when unset} */
        public Integer getMaxRuns() {
            return maxRuns;
        }

        /**
         * Sets {@code guardedtask.history.max-runs}.
         *
         * @param maxRuns the value; {@code null} keeps the builder's default
         */
        public void setMaxRuns(Integer maxRuns) {
            this.maxRuns = maxRuns;
        }

        /** {@return {@code guardedtask.history.time-to-live}, {@code null} when unset} */
        public Duration getTimeToLive() {
            return timeToLive;
        }

        /**
         * Sets {@code guardedtask.history.time-to-live}.
         *
         * @param timeToLive the value; {@code null} keeps the builder's default
         */
        public void setTimeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
        }
    }

    /** {@return {@code guardedtask.enabled}} */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets {@code guardedtask.enabled}.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return the {@code guardedtask.redis.*} properties} */
    public Redis getRedis() {
        return redis;
    }

    /** {@return {@code guardedtask.redisson-config}, {@code null} when unset} */
    public Resource getRedissonConfig() {
        return redissonConfig;
    }

    /**
     * Sets {@code guardedtask.redisson-config}.
     *
     * @param redissonConfig the value; {@code null} keeps the builder's default
     */
    public void setRedissonConfig(Resource redissonConfig) {
        this.redissonConfig = redissonConfig;
    }

    /** {@return {@code guardedtask.key-prefix}, {@code null} when unset} */
    public String getKeyPrefix() {
        return keyPrefix;
    }

    /**
     * Sets {@code guardedtask.key-prefix}.
     *
     * @param keyPrefix the value; {@code null} keeps the builder's default
     */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** {@return {@code guardedtask.lock-timeout}, {@code null} when unset} */
    public Duration getLockTimeout() {
        return lockTimeout;
    }

    /**
     * Sets {@code guardedtask.lock-timeout}.
     *
     * @param lockTimeout the value; {@code null} keeps the builder's default
     */
    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    /** {@return {@code guardedtask.success-ttl}, {@code null} when unset} */
    public Duration getSuccessTtl() {
        return successTtl;
    }

    /**
     * Sets {@code guardedtask.success-ttl}.
     *
     * @param successTtl the value; {@code null} keeps the builder's default
     */
    public void setSuccessTtl(Duration successTtl) {
        this.successTtl = successTtl;
    }

    /** {@return {@code guardedtask.close-timeout}, {@code null} when unset} */
    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    /**
     * Sets {@code guardedtask.close-timeout}.
     *
     * @param closeTimeout the value; {@code null} keeps the builder's default
     */
    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** {@return {@code guardedtask.zone}, {@code null} when unset} */
    public ZoneId getZone() {
        return zone;
    }

    /**
     * Sets {@code guardedtask.zone}.
     *
     * @param zone the value; {@code null} keeps the builder's default
     */
    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** {@return {@code guardedtask.key-scheme}, {@code null} when unset} */
    public KeyScheme getKeyScheme() {
        return keyScheme;
    }

    /**
     * Sets {@code guardedtask.key-scheme}.
     *
     * @param keyScheme the value; {@code null} keeps the builder's default
     */
    public void setKeyScheme(KeyScheme keyScheme) {
        this.keyScheme = keyScheme;
    }

    /** {@return {@code guardedtask.replicas}, {@code null} when unset} */
    public Integer getReplicas() {
        return replicas;
    }

    /**
     * Sets {@code guardedtask.replicas}.
     *
     * @param replicas the value; {@code null} keeps the builder's default
     */
    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    /** {@return {@code guardedtask.replica-timeout}, {@code null} when unset} */
    public Duration getReplicaTimeout() {
        return replicaTimeout;
    }

    /**
     * Sets {@code guardedtask.replica-timeout}.
     *
     * @param replicaTimeout the value; {@code null} keeps the builder's default
     */
    public void setReplicaTimeout(Duration replicaTimeout) {
        this.replicaTimeout = replicaTimeout;
    }

    /** {@return {@code guardedtask.worker-name}, {@code null} when unset} */
    public String getWorkerName() {
        return workerName;
    }

    /**
     * Sets {@code guardedtask.worker-name}.
     *
     * @param workerName the value; {@code null} keeps the builder's default
     */
    public void setWorkerName(String workerName) {
        this.workerName = workerName;
    }

    /** {@return the {@code guardedtask.history.*} properties} */
    public History getHistory() {
        return history;
    }
}
