package dev.guardedtask;

import dev.guardedtask.testsupport.EmbeddedRedis;
import dev.guardedtask.testsupport.junit.RedisKeys;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The smallest Redis Cluster: one master owning all 16 384 slots, on loopback, from the embedded
 * {@code redis-server}. Enough to show what a cluster refuses (keys of one command in different slots)
 * and what a cluster client does; not a topology for failover.
 */
final class OneNodeCluster implements AutoCloseable {

    private static final int SLOTS = 16_384;
    private static final int ATTEMPTS = 10;

    private final EmbeddedRedis server;
    private final Path folder;

    private OneNodeCluster(EmbeddedRedis server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    static OneNodeCluster start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("guardedtask-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedRedis server = startNode(folder);
        try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
            admin.clusterAddSlots(IntStream.range(0, SLOTS).toArray());
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.clusterInfo().contains("cluster_state:ok"));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new OneNodeCluster(server, folder);
    }

    /**
     * Starts a node on a free port. Redis also listens on the port 10 000 above (the cluster bus), and
     * refuses to start when that one is taken or beyond 65 535: then another port is tried.
     */
    private static EmbeddedRedis startNode(Path folder) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Alone, a node never learns its own address from a peer: CLUSTER NODES would show ":port".
                return EmbeddedRedis.start("cluster-enabled yes", "cluster-announce-ip 127.0.0.1",
                        "cluster-config-file " + folder.resolve("nodes-" + attempt + ".conf"));
            } catch (UncheckedIOException busPortUnusable) {
                if (attempt == ATTEMPTS) {
                    throw busPortUnusable;
                }
            }
        }
    }

    int port() {
        return server.port();
    }

    /** A client configured for a cluster ({@code useClusterServers()}); the caller shuts it down. */
    RedissonClient clusterClient() {
        Config config = new Config();
        config.useClusterServers().addNodeAddress("redis://127.0.0.1:" + port())
                .setConnectTimeout(1_000).setTimeout(2_000).setRetryAttempts(1);
        return Redisson.create(config);
    }

    /** A client that takes the node for a single server, as one behind a proxy would; the caller shuts it down. */
    RedissonClient singleServerClient() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port())
                .setConnectTimeout(1_000).setTimeout(2_000).setRetryAttempts(1);
        return Redisson.create(config);
    }

    /** Every key with its value, e.g. {@code lock:{t}:20260301=ab12cd34}, sorted; fencing counters left out. */
    Set<String> keyspace() {
        try (Jedis jedis = new Jedis("127.0.0.1", port())) {
            Set<String> snapshot = new TreeSet<>();
            jedis.keys("*").stream().filter(key -> !RedisKeys.isBookkeeping(key))
                    .forEach(key -> snapshot.add(key + "=" + jedis.get(key)));
            return snapshot;
        }
    }

    /** {@code CLUSTER DELSLOTS} of the key's slot: the node no longer covers every slot and answers CLUSTERDOWN. */
    void deleteSlotOf(String key) {
        try (Jedis admin = new Jedis("127.0.0.1", port())) {
            admin.clusterDelSlots(admin.clusterKeySlot(key).intValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.clusterInfo().contains("cluster_state:fail"));
        }
    }

    /** {@code CLUSTER ADDSLOTS} of the key's slot, back to serving every slot. */
    void addSlotOf(String key) {
        try (Jedis admin = new Jedis("127.0.0.1", port())) {
            admin.clusterAddSlots(admin.clusterKeySlot(key).intValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.clusterInfo().contains("cluster_state:ok"));
        }
    }

    void flushAll() {
        try (Jedis jedis = new Jedis("127.0.0.1", port())) {
            jedis.flushAll();
        }
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
