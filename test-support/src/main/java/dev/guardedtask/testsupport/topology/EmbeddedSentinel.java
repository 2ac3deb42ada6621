package dev.guardedtask.testsupport.topology;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisMasterSlave;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Sentinel group on loopback: a master, one replica and 3 sentinels with quorum 2 monitoring it
 * as {@value #MASTER_NAME} ({@code down-after-milliseconds} 2000, {@code failover-timeout} 4000), started from
 * the embedded-redis binary, no persistence, every file in a private folder deleted by {@link #close()}.
 * Failover is the sentinels' own: {@code kill -9} the master with {@link #killMaster()}, wait with
 * {@link #awaitFailover(RedisProcess, Duration)}, bring the killed node back as the replica with {@link #heal()}.
 *
 * <p>Every wait has a bound and fails naming what it waited for. Driven by one test thread at a time
 * (kills, waits, heals); any number of clients may work on the group meanwhile.
 */
public final class EmbeddedSentinel implements Topology {

    public static final String MASTER_NAME = "mymaster";
    private static final Duration FORM = Duration.ofSeconds(60);
    private static final List<String> DATA = List.of("save \"\"", "appendonly no", "repl-diskless-sync yes",
            "repl-diskless-sync-delay 0");

    private final Path folder;
    private final List<RedisProcess> dataNodes = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "embedded-sentinel-stop");

    private EmbeddedSentinel(Path folder) {
        this.folder = folder;
    }

    /** Starts the master, its replica, then the sentinels, and returns once they all know each other: about 3 s. */
    public static EmbeddedSentinel start() {
        EmbeddedSentinel group = new EmbeddedSentinel(Folders.create("guardedtask-sentinel-"));
        Runtime.getRuntime().addShutdownHook(group.shutdownHook);
        try {
            RedisProcess master = RedisProcess.start("master", group.folder, false, DATA, List.of());
            group.dataNodes.add(master);
            group.dataNodes.add(RedisProcess.start("replica", group.folder, false, DATA, replicaOf(master)));
            Poll.until(FORM, "the replica to be in sync", () -> Replication.inSyncWith(group.dataNodes.get(1), master));
            for (int i = 1; i <= 3; i++) {
                group.sentinels.add(RedisProcess.start("sentinel-" + i, group.folder, true, List.of(
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 2000",
                        "sentinel failover-timeout " + MASTER_NAME + " 4000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1"), List.of()));
            }
            group.awaitWhole();
            return group;
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    /** The sentinels' {@code redis://127.0.0.1:PORT} addresses. */
    public List<String> sentinelAddresses() {
        return sentinels.stream().map(RedisProcess::address).collect(Collectors.toList());
    }

    /**
     * A Redisson configuration for this group: {@code useSentinelServers()} with the 3 sentinels, master name
     * {@value #MASTER_NAME}, no check of the sentinel list (Redisson would refuse a list it finds
     * incomplete at start-up), reads from the master, a scan every second, 2 s timeouts.
     */
    public Config config() {
        Config config = new Config();
        config.useSentinelServers().setMasterName(MASTER_NAME).addSentinelAddress(sentinelAddresses().toArray(String[]::new))
                .setCheckSentinelsList(false).setReadMode(ReadMode.MASTER).setScanInterval(1_000)
                .setConnectTimeout(2_000).setTimeout(2_000);
        return config;
    }

    /** A new client on {@link #config()}, returned once it has found the master the sentinels name. */
    public RedissonClient connect() {
        return connect(config());
    }

    /** A new client on {@code config} ({@link #config()} with other settings, say), returned as {@link #connect()}'s. */
    public RedissonClient connect(Config config) {
        RedissonClient client = Poll.until(FORM, "Redisson to connect through the sentinels",
                () -> Optional.of(Redisson.create(config)));
        try {
            RedisMasterSlave seen = client.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE);
            Poll.until(FORM, "Redisson to see " + master() + " as master",
                    () -> seen.getMaster().getAddr().getPort() == master().port());
            return client;
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** The master every sentinel names now. */
    public RedisProcess master() {
        int port = sentinelState().agreedMasterPort()
                .orElseThrow(() -> new IllegalStateException("The sentinels do not agree on a master"));
        return dataNodes.stream().filter(node -> node.port() == port).findFirst().orElseThrow();
    }

    /** The data node that is not the master. */
    public RedisProcess replica() {
        RedisProcess master = master();
        return dataNodes.stream().filter(node -> !node.equals(master)).findFirst().orElseThrow();
    }

    public List<RedisProcess> sentinels() {
        return List.copyOf(sentinels);
    }

    /** {@code kill -9} of the current master; returns it. */
    public RedisProcess killMaster() {
        RedisProcess master = master();
        master.kill();
        return master;
    }

    /** Returns the new master once every sentinel names a node other than {@code killed} and it says it is master. */
    public RedisProcess awaitFailover(RedisProcess killed, Duration bound) {
        return Poll.until(bound, "the sentinels to promote a replica of " + killed, () -> {
            RedisProcess master = master();
            return Optional.of(master).filter(node -> !node.equals(killed)
                    && "master".equals(node.info("replication").get("role")));
        });
    }

    /** Returns once the replica has received everything the master has written. */
    public void awaitReplicated(Duration bound) {
        Poll.until(bound, "the replica to catch up with the master", () -> Replication.caughtUp(master()));
    }

    /**
     * Starts every killed process again, a killed data node as the replica of the master the sentinels name
     * (as the master itself if they still name it), and waits until the group is whole.
     */
    public synchronized void heal() {
        sentinels.stream().filter(node -> !node.isAlive()).forEach(node -> node.restart(List.of()));
        RedisProcess master = master();
        dataNodes.stream().filter(node -> !node.isAlive())
                .forEach(node -> node.restart(node.equals(master) ? List.of() : replicaOf(master)));
        awaitWhole();
    }

    /** {@code FLUSHALL} on the master. */
    public void flushAll() {
        master().call("FLUSHALL");
    }

    /** Kills every process and deletes the group's folder. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    private void awaitWhole() {
        Poll.until(FORM, "the sentinels to agree on a master with one replica in sync", () -> {
            SentinelState state = sentinelState();
            state.whole(1).ifPresent(why -> {
                throw new IllegalStateException(why);
            });
            RedisProcess master = master();
            return dataNodes.stream().allMatch(node -> node.equals(master) || Replication.inSyncWith(node, master));
        });
    }

    private SentinelState sentinelState() {
        return SentinelState.read(sentinels.stream().filter(RedisProcess::isAlive).collect(Collectors.toList()), MASTER_NAME);
    }

    private static List<String> replicaOf(RedisProcess master) {
        return List.of("replicaof 127.0.0.1 " + master.port());
    }

    private synchronized void stopAll() {
        Stream.concat(sentinels.stream(), dataNodes.stream()).forEach(RedisProcess::kill);
        Folders.delete(folder);
    }
}
