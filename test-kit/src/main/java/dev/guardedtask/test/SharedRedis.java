package dev.guardedtask.test;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Redis and one Redisson client for a whole test run (JUnit's root context store closes it at the end): the
 * embedded server the kit started, or the user's Redis. Each test's guard takes a key prefix of its own, so tests
 * never see each other's keys, and the kit deletes a test's keys after it. Thread-safe.
 */
@SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13, AutoCloseable for 5.13 on
final class SharedRedis implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String EMBEDDED_REDIS = "com.github.codemonstur:embedded-redis";

    private static final ExtensionContext.Namespace ROOT = ExtensionContext.Namespace.create(SharedRedis.class);
    /** Tells apart the test runs (JVMs) that share one user Redis. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicLong TESTS = new AtomicLong();

    private final EmbeddedServer server;
    private final RedissonClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SharedRedis(EmbeddedServer server, RedissonClient client) {
        this.server = server;
        this.client = client;
    }

    /** The run's embedded server and its client, started on the first call. */
    static SharedRedis embedded(ExtensionContext context) {
        return context.getRoot().getStore(ROOT).getOrComputeIfAbsent("embedded", key -> startEmbedded(),
                SharedRedis.class);
    }

    /** The run's client of the user's Redis at {@code uri}, connected on the first call. */
    static SharedRedis at(ExtensionContext context, String uri) {
        return context.getRoot().getStore(ROOT).getOrComputeIfAbsent("uri " + uri,
                key -> new SharedRedis(null, connect(uri)), SharedRedis.class);
    }

    private static SharedRedis startEmbedded() {
        requireEmbeddedRedis(SharedRedis.class.getClassLoader());
        EmbeddedServer server = EmbeddedServer.start();
        try {
            return new SharedRedis(server, connect(server.uri()));
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Checks that {@code loader} sees embedded-redis; else the message says which dependency to add. */
    static void requireEmbeddedRedis(ClassLoader loader) {
        try {
            Class.forName("redis.embedded.RedisServer", false, loader);
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("Store.EMBEDDED_REDIS needs " + EMBEDDED_REDIS
                    + " on the test class path, and it is not there: add the dependency " + EMBEDDED_REDIS
                    + ":1.4.4 with <scope>test</scope>, or use Store.MEMORY, or GuardedTaskExtension.redis(uri) "
                    + "for a Redis you run.");
        }
    }

    /** A client of {@code redis[s]://[user:password@]host:port[/database]}. */
    static RedissonClient connect(String uri) {
        URI parsed = parse(uri);
        Config config = new Config();
        String userInfo = parsed.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            config.setUsername(colon < 0 ? null : emptyToNull(userInfo.substring(0, colon)));
            config.setPassword(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
        config.useSingleServer()
                .setAddress(parsed.getScheme() + "://" + parsed.getHost() + ":" + parsed.getPort())
                .setDatabase(path.isEmpty() ? 0 : Integer.parseInt(path))
                .setConnectTimeout(5_000)
                .setTimeout(5_000);
        try {
            return Redisson.create(config);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("guardedtask-test: could not connect to the Redis at "
                    + parsed.getScheme() + "://" + parsed.getHost() + ":" + parsed.getPort() + ": " + e.getMessage()
                    + "; start it before the tests, or check the URI given to GuardedTaskExtension.redis(uri).", e);
        }
    }

    /** Checks {@code uri}'s form, naming it (without a password) and the form expected. */
    static URI parse(String uri) {
        String form = "give redis://host:port or redis://[user:password@]host:port[/database] (rediss:// for TLS), "
                + "e.g. redis://localhost:6379";
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("GuardedTaskExtension.redis(uri): the URI is "
                    + (uri == null ? "null" : "blank") + "; " + form);
        }
        try {
            URI parsed = new URI(uri);
            boolean scheme = "redis".equals(parsed.getScheme()) || "rediss".equals(parsed.getScheme());
            String path = parsed.getPath() == null ? "" : parsed.getPath();
            if (!scheme || parsed.getHost() == null || parsed.getPort() < 1 || !path.matches("(/[0-9]{0,2})?")
                    || parsed.getQuery() != null || parsed.getFragment() != null) {
                throw new URISyntaxException(uri, "not of the form");
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("GuardedTaskExtension.redis(uri): '" + masked(uri)
                    + "' is not a Redis URI; " + form, e);
        }
    }

    private static String masked(String uri) {
        return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:****@");
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    RedissonClient client() {
        return client;
    }

    /** A key prefix no other test of any run uses, e.g. {@code guardedtask-test:1a2b3c4d:17:}. */
    static String newPrefix() {
        return "guardedtask-test:" + RUN + ":" + TESTS.incrementAndGet() + ":";
    }

    /** Deletes every key under {@code prefix}: a test's keys, once it ended. */
    void deleteKeys(String prefix) {
        client.getKeys().deleteByPattern(prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*");
    }

    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.shutdown();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
