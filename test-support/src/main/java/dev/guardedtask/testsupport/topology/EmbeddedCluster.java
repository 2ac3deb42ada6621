package dev.guardedtask.testsupport.topology;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisCluster;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster on loopback: 3 masters, each with one replica, all 16 384 slots served, started
 * from the embedded-redis binary ({@code cluster-node-timeout} 2 s, no persistence, every file in a
 * private folder deleted by {@link #close()}). Failover is Redis's own: {@code kill -9} a master with
 * {@link #killMasterOf(String)}, wait with {@link #awaitServing(Duration)}, bring the killed nodes back
 * as replicas with {@link #heal()}.
 *
 * <p>Every wait has a bound and fails naming what it waited for. Driven by one test thread at a time
 * (kills, waits, heals); any number of clients may work on the cluster meanwhile.
 */
public final class EmbeddedCluster implements Topology {

    public static final int MASTERS = 3;
    private static final Duration FORM = Duration.ofSeconds(60);
    private static final List<String> SETTINGS = List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
            "cluster-node-timeout 2000", "cluster-replica-validity-factor 0", "save \"\"", "appendonly no",
            "repl-diskless-sync yes", "repl-diskless-sync-delay 0");

    private final Path folder;
    private final List<RedisProcess> nodes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "embedded-cluster-stop");

    private EmbeddedCluster(Path folder) {
        this.folder = folder;
    }

    /** Starts 6 nodes, forms the cluster and returns once it is whole: about 3 s. */
    public static EmbeddedCluster start() {
        EmbeddedCluster cluster = new EmbeddedCluster(Folders.create("guardedtask-cluster-"));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            for (int i = 1; i <= 2 * MASTERS; i++) {
                cluster.nodes.add(RedisProcess.start("node-" + i, cluster.folder, false, SETTINGS, List.of()));
            }
            ClusterSetup.form(cluster.nodes, MASTERS, FORM);
            cluster.awaitWhole(FORM);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node, in start order, running or killed. */
    public List<RedisProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** Every node's {@code redis://127.0.0.1:PORT}: Redisson's seed addresses. */
    public List<String> seedAddresses() {
        return nodes.stream().map(RedisProcess::address).collect(Collectors.toList());
    }

    /**
     * A Redisson configuration for this cluster: {@code useClusterServers()} with every seed, reads from
     * masters (Redisson's default reads replicas, which may lag a write just made), a topology scan every
     * second (it notices a failover within about a second), 2 s timeouts.
     */
    public Config config() {
        Config config = new Config();
        config.useClusterServers().addNodeAddress(seedAddresses().toArray(String[]::new)).setReadMode(ReadMode.MASTER).setScanInterval(1_000)
                .setConnectTimeout(2_000).setTimeout(2_000);
        return config;
    }

    /**
     * A new client on {@link #config()}, returned once it has a connection to every master. (It never
     * connects to replicas: it reads from masters.)
     */
    public RedissonClient connect() {
        return connect(config());
    }

    /** A new client on {@code config} ({@link #config()} with other settings, say), returned as {@link #connect()}'s. */
    public RedissonClient connect(Config config) {
        RedissonClient client = Redisson.create(config);
        try {
            int masters = masters().size();
            RedisCluster seen = client.getRedisNodes(RedisNodes.CLUSTER);
            Poll.until(FORM, "Redisson to see " + masters + " masters", () -> seen.getMasters().size() == masters);
            return client;
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** The key's hash slot, from {@code CLUSTER KEYSLOT}. */
    public int slot(String key) {
        return ((Long) live().call("CLUSTER", "KEYSLOT", key)).intValue();
    }

    /** The master serving the key's slot, as every live node sees it. */
    public RedisProcess masterOf(String key) {
        return agreed().ownerOf(slot(key));
    }

    /** The masters serving slots now, as every live node sees them. */
    public List<RedisProcess> masters() {
        return agreed().masters();
    }

    public List<RedisProcess> replicas() {
        return agreed().replicas();
    }

    /** The node replicating {@code master}. */
    public RedisProcess replicaOf(RedisProcess master) {
        ClusterState state = agreed();
        return state.replicas().stream().filter(replica -> state.masterOf(replica).equals(master)).findFirst()
                .orElseThrow(() -> new IllegalStateException(master + " has no replica"));
    }

    /** The master {@code replica} replicates. */
    public RedisProcess masterOfReplica(RedisProcess replica) {
        return agreed().masterOf(replica);
    }

    /** {@code kill -9} of the master serving the key's slot; returns the killed node. */
    public RedisProcess killMasterOf(String key) {
        RedisProcess master = masterOf(key);
        master.kill();
        return master;
    }

    /**
     * Returns once the live nodes agree on a live master for every slot (a killed master's replica
     * promoted), each with {@code cluster_state:ok}.
     */
    public void awaitServing(Duration bound) {
        Poll.until(bound, "the cluster to serve every slot from a live master", () -> problem(ClusterState.read(nodes).serving()));
    }

    /** Returns once every master's replicas have received everything it has written. */
    public void awaitReplicated(Duration bound) {
        Poll.until(bound, "the replicas to catch up with their masters",
                () -> masters().stream().allMatch(Replication::caughtUp));
    }

    /** Starts every killed node again (each rejoins as a replica) and waits until the cluster is whole. */
    public synchronized void heal() {
        nodes.stream().filter(node -> !node.isAlive()).forEach(node -> node.restart(List.of()));
        awaitWhole(FORM);
    }

    /** {@code FLUSHALL} on every master. */
    public void flushAll() {
        masters().forEach(master -> master.call("FLUSHALL"));
    }

    /** Kills every node and deletes the cluster's folder. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    private void awaitWhole(Duration bound) {
        Poll.until(bound, "the cluster to have " + MASTERS + " masters with a replica each, in sync",
                () -> problem(ClusterState.read(nodes).whole(MASTERS)));
    }

    private ClusterState agreed() {
        ClusterState state = ClusterState.read(nodes);
        problem(state.serving());
        return state;
    }

    private RedisProcess live() {
        return nodes.stream().filter(RedisProcess::isAlive).findFirst()
                .orElseThrow(() -> new IllegalStateException("No cluster node is running"));
    }

    /** True if there is none, else throws it: a poll's last error says what it was still waiting for. */
    private static boolean problem(Optional<String> problem) {
        problem.ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return true;
    }

    private synchronized void stopAll() {
        nodes.forEach(RedisProcess::kill);
        Folders.delete(folder);
    }
}
