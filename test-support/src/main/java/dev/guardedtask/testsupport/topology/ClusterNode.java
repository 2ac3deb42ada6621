package dev.guardedtask.testsupport.topology;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of {@code CLUSTER NODES}: a node as one member of the cluster sees it.
 *
 * @param masterId the id of the master it replicates, {@code "-"} for a master
 * @param slots the hash slots it serves
 */
record ClusterNode(String id, int port, Set<String> flags, String masterId, boolean connected, BitSet slots) {

    static List<ClusterNode> parse(String clusterNodes) {
        return clusterNodes.lines().filter(line -> !line.isBlank()).map(ClusterNode::parseLine).collect(Collectors.toList());
    }

    /** A master serving slots, not suspected of failure. */
    boolean isServingMaster() {
        return flags.contains("master") && isSound() && !slots.isEmpty();
    }

    boolean isReplica() {
        return flags.contains("slave") && isSound();
    }

    /** Connected, not failed nor suspected ({@code fail?}), not in a handshake. */
    boolean isSound() {
        return connected && !flags.contains("fail") && !flags.contains("fail?") && !flags.contains("handshake")
                && !flags.contains("noaddr");
    }

    private static ClusterNode parseLine(String line) {
        // <id> <ip:port@cport> <flags> <master> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot> ...
        String[] fields = line.split(" ");
        String address = fields[1];
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
        BitSet slots = new BitSet(16_384);
        for (int i = 8; i < fields.length; i++) {
            String range = fields[i];
            if (!range.startsWith("[")) { // [slot->-importing] and [slot-<-migrating] are not served yet
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                slots.set(from, to + 1);
            }
        }
        return new ClusterNode(fields[0], port, Set.copyOf(Arrays.asList(fields[2].split(","))), fields[3],
                fields[7].equals("connected"), slots);
    }
}
