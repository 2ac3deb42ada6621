package dev.guardedtask.testsupport.topology;

import java.util.Map;

/** What {@code INFO replication} says about a master's replicas. */
final class Replication {

    private Replication() {
    }

    /** Every replica connected to {@code master} is online and has acknowledged all it has written. */
    static boolean caughtUp(RedisProcess master) {
        Map<String, String> info = master.info("replication");
        String offset = "offset=" + info.get("master_repl_offset") + ",";
        return info.entrySet().stream().filter(field -> field.getKey().matches("slave\\d+"))
                .allMatch(replica -> replica.getValue().contains("state=online") && replica.getValue().contains(offset));
    }

    /** {@code replica} is running, replicates {@code master}, its link is up and no full sync is in progress. */
    static boolean inSyncWith(RedisProcess replica, RedisProcess master) {
        if (!replica.isAlive()) {
            return false;
        }
        Map<String, String> info = replica.info("replication");
        return "slave".equals(info.get("role")) && Integer.toString(master.port()).equals(info.get("master_port"))
                && "up".equals(info.get("master_link_status")) && "0".equals(info.get("master_sync_in_progress"));
    }
}
