package dev.guardedtask.testsupport.topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cluster as each live node sees it at one moment ({@code CLUSTER NODES}, {@code CLUSTER INFO}), and
 * whether those views agree on a cluster that serves every slot. Reading a node that does not answer throws.
 */
final class ClusterState {

    static final int SLOTS = 16_384;

    private final Map<Integer, RedisProcess> byPort;
    private final Map<RedisProcess, List<ClusterNode>> views = new LinkedHashMap<>();
    private final List<String> notOk = new ArrayList<>();

    private ClusterState(List<RedisProcess> nodes) {
        byPort = nodes.stream().collect(Collectors.toMap(RedisProcess::port, Function.identity()));
        for (RedisProcess node : nodes) {
            if (node.isAlive()) {
                views.put(node, ClusterNode.parse((String) node.call("CLUSTER", "NODES")));
                String info = (String) node.call("CLUSTER", "INFO");
                if (!info.contains("cluster_state:ok")) {
                    notOk.add(node.name());
                }
            }
        }
    }

    static ClusterState read(List<RedisProcess> nodes) {
        return new ClusterState(nodes);
    }

    /**
     * Why the live nodes do not (yet) agree on one live master for every slot, with {@code cluster_state:ok}
     * everywhere; empty once they do. A dead node may still be listed, flagged as failed.
     */
    Optional<String> serving() {
        if (!notOk.isEmpty()) {
            return Optional.of("cluster_state is not ok on " + notOk);
        }
        List<String> pictures = views.values().stream().map(ClusterState::picture).distinct().collect(Collectors.toList());
        if (pictures.size() > 1) {
            return Optional.of("the nodes see different clusters: " + pictures);
        }
        BitSet served = new BitSet(SLOTS);
        for (ClusterNode master : agreed().stream().filter(ClusterNode::isServingMaster).collect(Collectors.toList())) {
            if (!process(master).isAlive()) {
                return Optional.of("the live nodes still take the killed " + process(master) + " for a master");
            }
            served.or(master.slots());
        }
        return served.cardinality() == SLOTS ? Optional.empty()
                : Optional.of("only " + served.cardinality() + " of " + SLOTS + " slots are served");
    }

    /**
     * Why the cluster is not (yet) whole: every node alive and {@link #serving()}, {@code masters} masters
     * each with exactly one replica whose replication link is up and not syncing; empty once it is.
     */
    Optional<String> whole(int masters) {
        if (views.size() < byPort.size()) {
            return Optional.of((byPort.size() - views.size()) + " node(s) not running");
        }
        Optional<String> serving = serving();
        if (serving.isPresent()) {
            return serving;
        }
        List<RedisProcess> replicas = replicas();
        if (masters().size() != masters || replicas.size() != masters
                || replicas.stream().map(this::masterOf).distinct().count() != masters) {
            return Optional.of("not " + masters + " masters with one replica each: " + picture(agreed()));
        }
        for (RedisProcess replica : replicas) {
            if (!Replication.inSyncWith(replica, masterOf(replica))) {
                return Optional.of(replica + " is not in sync with its master yet");
            }
        }
        return Optional.empty();
    }

    /** The serving masters in the agreed view. */
    List<RedisProcess> masters() {
        return agreed().stream().filter(ClusterNode::isServingMaster).map(this::process).collect(Collectors.toList());
    }

    List<RedisProcess> replicas() {
        return agreed().stream().filter(ClusterNode::isReplica).map(this::process).collect(Collectors.toList());
    }

    RedisProcess ownerOf(int slot) {
        return agreed().stream().filter(node -> node.isServingMaster() && node.slots().get(slot)).map(this::process)
                .findFirst().orElseThrow(() -> new IllegalStateException("No live master serves slot " + slot));
    }

    RedisProcess masterOf(RedisProcess replica) {
        List<ClusterNode> view = agreed();
        String masterId = view.stream().filter(node -> node.port() == replica.port()).findFirst().orElseThrow().masterId();
        return view.stream().filter(node -> node.id().equals(masterId)).map(this::process).findFirst()
                .orElseThrow(() -> new IllegalStateException(replica + " replicates no known master"));
    }

    /** The view of the first live node: the view, once {@link #serving()} says all agree. */
    private List<ClusterNode> agreed() {
        return views.values().stream().findFirst().orElseThrow(() -> new IllegalStateException("No cluster node is running"));
    }

    private RedisProcess process(ClusterNode node) {
        return byPort.get(node.port());
    }

    /** What a view says about roles and slots, the same text from every node that sees the same cluster. */
    private static String picture(List<ClusterNode> view) {
        Map<String, Integer> ports = view.stream().collect(Collectors.toMap(ClusterNode::id, ClusterNode::port));
        TreeSet<String> lines = new TreeSet<>();
        for (ClusterNode node : view) {
            String role = node.isServingMaster() ? "master of " + node.slots().cardinality() + " slots from "
                    + node.slots().nextSetBit(0) + " to " + (node.slots().length() - 1)
                    : node.isReplica() ? "replica of " + ports.get(node.masterId()) : "down";
            lines.add(node.port() + " " + role);
        }
        return lines.toString();
    }
}
