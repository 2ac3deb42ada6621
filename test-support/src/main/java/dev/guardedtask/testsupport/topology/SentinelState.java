package dev.guardedtask.testsupport.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The sentinels' answers about the monitored master at one moment, and whether they describe a whole group. */
final class SentinelState {

    private final Map<RedisProcess, Integer> masterPorts = new HashMap<>();
    private final Map<RedisProcess, Map<String, String>> masters = new HashMap<>();
    private final Map<RedisProcess, List<Map<String, String>>> replicas = new HashMap<>();

    private SentinelState(List<RedisProcess> sentinels, String name) {
        for (RedisProcess sentinel : sentinels) {
            List<?> address = (List<?>) sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", name);
            masterPorts.put(sentinel, Integer.parseInt((String) address.get(1)));
            masters.put(sentinel, fields((List<?>) sentinel.call("SENTINEL", "MASTER", name)));
            replicas.put(sentinel, ((List<?>) sentinel.call("SENTINEL", "REPLICAS", name)).stream()
                    .map(replica -> fields((List<?>) replica)).collect(Collectors.toList()));
        }
    }

    static SentinelState read(List<RedisProcess> sentinels, String name) {
        return new SentinelState(sentinels, name);
    }

    /** The master's port if every sentinel names the same one. */
    Optional<Integer> agreedMasterPort() {
        return masterPorts.values().stream().distinct().count() == 1 ? masterPorts.values().stream().findFirst()
                : Optional.empty();
    }

    /**
     * Why the sentinels do not (yet) agree on a sound master with {@code replicaCount} replicas they can reach,
     * each sentinel knowing all the others; empty once they do. A replica's link to its master is not
     * judged here: the sentinels refresh it only every 10 s ({@code INFO}); ask the master instead.
     */
    Optional<String> whole(int replicaCount) {
        if (agreedMasterPort().isEmpty()) {
            return Optional.of("the sentinels name different masters: " + masterPorts.values());
        }
        int others = masters.size() - 1;
        for (RedisProcess sentinel : masters.keySet()) {
            Map<String, String> master = masters.get(sentinel);
            List<Map<String, String>> sound = replicas.get(sentinel).stream()
                    .filter(replica -> replica.get("flags").equals("slave"))
                    .collect(Collectors.toList());
            if (!master.get("flags").equals("master") || !master.get("num-other-sentinels").equals(Integer.toString(others))
                    || sound.size() != replicaCount) {
                return Optional.of(sentinel + " sees the master as " + master.get("flags") + " with "
                        + master.get("num-other-sentinels") + " other sentinels and " + sound.size() + " sound replicas: "
                        + replicas.get(sentinel));
            }
        }
        return Optional.empty();
    }

    /** A flat reply {@code [key, value, key, value, ...]} as a map. */
    private static Map<String, String> fields(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return map;
    }
}
