package dev.guardedtask.testsupport.topology;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Makes fresh {@code cluster-enabled} nodes one cluster, as {@code redis-cli --cluster create} does: a
 * distinct config epoch each, the slots split evenly over the masters, {@code CLUSTER MEET}, then each
 * replica {@code CLUSTER REPLICATE}s its master once it knows it.
 */
final class ClusterSetup {

    private ClusterSetup() {
    }

    /** The first {@code masters} nodes become the masters; node {@code masters + i} replicates master {@code i}. */
    static void form(List<RedisProcess> nodes, int masters, Duration bound) {
        for (int i = 0; i < nodes.size(); i++) {
            // Distinct epochs from the start: no collision for the nodes to settle before a failover.
            nodes.get(i).call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        for (int i = 0; i < masters; i++) {
            int from = ClusterState.SLOTS * i / masters;
            int to = ClusterState.SLOTS * (i + 1) / masters;
            String[] slots = IntStream.range(from, to).mapToObj(Integer::toString).toArray(String[]::new);
            nodes.get(i).call("CLUSTER", prepend("ADDSLOTS", slots));
        }
        RedisProcess first = nodes.get(0);
        nodes.subList(1, nodes.size()).forEach(node -> first.call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port())));
        for (RedisProcess node : nodes) {
            Poll.until(bound, node + " to know all " + nodes.size() + " nodes", () ->
                    ClusterNode.parse((String) node.call("CLUSTER", "NODES")).stream()
                            .filter(ClusterNode::isSound).count() == nodes.size());
        }
        for (int i = masters; i < nodes.size(); i++) {
            String masterId = (String) nodes.get(i - masters).call("CLUSTER", "MYID");
            nodes.get(i).call("CLUSTER", "REPLICATE", masterId);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        return IntStream.rangeClosed(0, rest.length).mapToObj(i -> i == 0 ? first : rest[i - 1])
                .collect(Collectors.toList()).toArray(String[]::new);
    }
}
