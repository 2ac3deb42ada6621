package dev.guardedtask.console;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The options every command shares (a picocli mixin: {@code @Mixin Connection connection;}): where Redis is
 * ({@code --redis URI} or {@code --config redisson.yaml}), the guards' {@code --key-prefix}, and {@code --json}
 * output. {@link #operator()} connects at its first call; {@link #close()} disconnects: use it in
 * try-with-resources, {@code try (Connection redis = connection) { redis.operator()... }}.
 *
 * <p>Not thread-safe until {@link #operator()} returned; the operator it returns is.
 */
public final class Connection implements AutoCloseable {

    /** Where Redis is when neither option is given. */
    public static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--redis", paramLabel = "URI", description = "Redis to read, redis://[user:password@]host[:port]"
            + "[/database] or rediss:// for TLS (default: " + DEFAULT_REDIS + "). Percent-encode @ / : in the password.")
    private String redis;

    @Option(names = {"--config", "--redisson-config"}, paramLabel = "FILE", description = "A Redisson YAML "
            + "configuration instead of --redis (Sentinel, Cluster, TLS, timeouts); a clusterServersConfig reads the "
            + "cluster key scheme. --redisson-config is the same option, as the example application calls it.")
    private Path config;

    @Option(names = "--key-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "The key prefix of the guards to read, e.g. billing: (default: none).")
    private String keyPrefix;

    @Option(names = "--key-scheme", paramLabel = "SCHEME", description = "How the guards name their keys: plain, or "
            + "cluster (the task in braces, lock:{task}:date). Default: cluster for a clusterServersConfig, else "
            + "plain. Reads find both; writes use this one: give cluster for guards built with keyScheme(CLUSTER) on a "
            + "client that is not a cluster client (a proxy in front of a cluster).")
    private KeyScheme keyScheme;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    private final Clock clock;
    private TaskGuard guard;
    private TaskOperator operator;

    /** With the system clock (UTC). */
    public Connection() {
        this(Clock.systemUTC());
    }

    /**
     * With {@code clock}: when the operator's writes are recorded, and what "ago" counts from.
     *
     * @param clock the clock of the operator's writes and of "ago"
     */
    public Connection(Clock clock) {
        this.clock = clock;
    }

    /**
     * The operator on the Redis these options name, connected at the first call (later calls return the same).
     *
     * @return the operator, the same one on every call
     * @throws ParameterException for both {@code --redis} and {@code --config} (a usage error)
     * @throws IllegalArgumentException for a malformed URI, configuration file or key prefix (the message names
     *     the value and the fix)
     * @throws IllegalStateException if Redis cannot be reached (the message says why, and the fix)
     */
    public TaskOperator operator() {
        if (guard == null) {
            if (redis != null && config != null) {
                throw new ParameterException(command.commandLine(),
                        "Give either --redis or --config, not both: --config " + config + " names its servers itself.");
            }
            TaskGuard.Builder builder = TaskGuard.builder().clock(clock).keyPrefix(keyPrefix);
            if (keyScheme != null) {
                builder.keyScheme(keyScheme);
            }
            if (config != null) {
                builder.redissonConfig(config);
            } else {
                builder.redis(redis != null ? redis : DEFAULT_REDIS);
            }
            guard = builder.build();
            operator = guard.operator();
        }
        return operator;
    }

    /**
     * The guards' key prefix, {@code --key-prefix} (default: empty).
     *
     * @return the key prefix, empty by default
     */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * Whether {@code --json} was given.
     *
     * @return {@code true} for JSON output
     */
    public boolean json() {
        return json;
    }

    /**
     * The clock: now, for "12s ago", and the time of the operator's writes.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /** Disconnects, if {@link #operator()} connected. */
    @Override
    public void close() {
        if (guard != null) {
            guard.close();
            guard = null;
            operator = null;
        }
    }
}
