package dev.guardedtask.testsupport.junit;

import dev.guardedtask.testsupport.EmbeddedRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real {@code redis-server} ({@link EmbeddedRedis}) on a free loopback port, started once per test
 * class, emptied before each test (and started again first if a test stopped it), with a Redisson
 * client and plain-string helpers to look at the keyspace as any Redis client would.
 *
 * <pre>{@code @RegisterExtension static final RedisExtension redis = new RedisExtension();}</pre>
 *
 * <p>The binary is the JVM's ({@link EmbeddedRedis#binary()}), or the one given, looked up when the class
 * starts: {@code new RedisExtension(SystemRedis::binary)} runs Debian's 7.0, or skips (fails in CI) the class
 * where it is missing.
 */
public final class RedisExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, RedisKeys {

    private final Supplier<File> binary;
    private EmbeddedRedis server;
    private RedissonClient client;

    /** On the JVM's binary, {@link EmbeddedRedis#binary()}. */
    public RedisExtension() {
        this(EmbeddedRedis::binary);
    }

    /** On the {@code redis-server} binary {@code binary} gives when the test class starts. */
    public RedisExtension(Supplier<File> binary) {
        this.binary = binary;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedRedis.start(binary.get());
        client = connect();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!server.isRunning()) {
            server.restart();
        }
        client.getKeys().flushall();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (client != null) {
                client.shutdown(0, 2, TimeUnit.SECONDS);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The suite's client: short timeouts, so a stopped server fails a call within seconds. */
    public RedissonClient client() {
        return client;
    }

    /** A new client to the same server, as a separate worker would have; the caller shuts it down. */
    public RedissonClient connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(uri())
                .setConnectTimeout(1_000).setTimeout(1_000).setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(200)));
        return Redisson.create(config);
    }

    /** {@code redis://127.0.0.1:PORT/0}. */
    public String uri() {
        return server.uri();
    }

    public void stop() {
        server.stop();
    }

    /** Starts the server again on the same port: empty data, empty script cache. */
    public void start() {
        server.restart();
    }

    public String get(String key) {
        return client.<String>getBucket(key, StringCodec.INSTANCE).get();
    }

    /** Remaining time to live in ms as {@code PTTL} gives it: -2 absent, -1 no expiry. */
    public long pttl(String key) {
        return client.getBucket(key, StringCodec.INSTANCE).remainTimeToLive();
    }

    public void set(String key, String value, Duration ttl) {
        client.<String>getBucket(key, StringCodec.INSTANCE).set(value, ttl);
    }

    public void delete(String key) {
        client.getBucket(key, StringCodec.INSTANCE).delete();
    }

    /**
     * Every key with its value, e.g. {@code lock:t:20260301=ab12cd34}, sorted: a keyspace snapshot. The
     * tasks' fencing counters ({@code fence:T}), which live for good, are left out: read them with {@link #get}.
     */
    public Set<String> keyspace() {
        Set<String> snapshot = new TreeSet<>();
        client.getKeys().getKeys().forEach(key -> {
            if (!RedisKeys.isBookkeeping(key)) {
                snapshot.add(key + "=" + get(key));
            }
        });
        return snapshot;
    }

    /**
     * How many commands the server has executed, by command, from {@code INFO commandstats}, a command's
     * subcommands counted with it ({@code script} for {@code SCRIPT LOAD}, on 6.2 and 7.0 alike); the
     * {@code info} calls made to read it are left out.
     */
    public Map<String, Long> commandCalls() {
        Map<String, Long> calls = new TreeMap<>();
        client.getRedisNodes(RedisNodes.SINGLE).getInstance().info(InfoSection.COMMANDSTATS).forEach((key, stats) -> {
            // 7.0 counts subcommands apart (cmdstat_script|load): summed into the command, as 6.2 counts them
            String command = key.substring("cmdstat_".length()).split("\\|")[0];
            if (!command.equals("info")) {
                calls.merge(command, Long.parseLong(stats.substring("calls=".length(), stats.indexOf(','))), Long::sum);
            }
        });
        return calls;
    }

    /**
     * The commands the server executed since the snapshot {@code before} (from {@link #commandCalls()}),
     * by command, leaving out Redisson's keep-alive {@code ping}s: empty means nothing was sent. Reads
     * of the keyspace helpers count too, so take the snapshot after them.
     */
    public Map<String, Long> commandsSince(Map<String, Long> before) {
        Map<String, Long> sent = new java.util.TreeMap<>();
        commandCalls().forEach((command, calls) -> {
            long added = calls - before.getOrDefault(command, 0L);
            if (added != 0 && !command.equals("ping")) {
                sent.put(command, added);
            }
        });
        return sent;
    }

    /**
     * {@code CLIENT PAUSE} for {@code pause}: once it answers, the server answers no client for that long,
     * as a stalled one does. Sent on a socket of its own, so no client of the test is held.
     */
    public void pause(Duration pause) {
        try (Socket socket = new Socket("127.0.0.1", URI.create(uri()).getPort())) {
            String millis = Long.toString(pause.toMillis());
            socket.getOutputStream().write(("*3\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n$" + millis.length() + "\r\n"
                    + millis + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(5);
            if (!"+OK\r\n".equals(new String(reply, StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("CLIENT PAUSE answered " + new String(reply, StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
