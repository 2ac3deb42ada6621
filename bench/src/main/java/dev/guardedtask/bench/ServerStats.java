package dev.guardedtask.bench;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the bench's redis-server has spent, read before and after a round: its CPU time ({@code INFO cpu}:
 * {@code used_cpu_user + used_cpu_sys}, the whole process) and, by command, calls and µs ({@code INFO
 * commandstats}; a command run inside a script is counted as its own command too, and the script's µs include
 * it). The bench's own admin commands ({@link #ADMIN}) are left out.
 */
record ServerStats(double cpuSeconds, Map<String, Command> commands) {

    /** The bench's own commands (flushing, reading these stats) and Redisson's keep-alive, not the rows'. */
    static final Set<String> ADMIN = Set.of("flushdb", "flushall", "info", "config", "ping");

    /** Nothing spent: what {@link #plus} starts from. */
    static final ServerStats NONE = new ServerStats(0, Map.of());

    /** One command's totals: calls and µs spent in it. */
    record Command(long calls, long micros) {

        Command minus(Command before) {
            return new Command(calls - before.calls, micros - before.micros);
        }
    }

    static ServerStats read(RedissonClient redisson) {
        RedisNode node = redisson.getRedisNodes(RedisNodes.SINGLE).getInstance();
        Map<String, String> cpu = node.info(InfoSection.CPU);
        double seconds = Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys"));
        Map<String, Command> commands = new TreeMap<>();
        node.info(InfoSection.COMMANDSTATS).forEach((key, stats) -> {
            // 7.0 counts subcommands apart (cmdstat_config|resetstat): summed into the command, as 6.2 counts them
            String command = key.substring("cmdstat_".length()).split("\\|")[0];
            if (!ADMIN.contains(command)) {
                commands.merge(command, new Command(field(stats, "calls"), field(stats, "usec")),
                        (x, y) -> new Command(x.calls + y.calls, x.micros + y.micros));
            }
        });
        return new ServerStats(seconds, commands);
    }

    /** {@code name=value} out of {@code calls=2,usec=48,usec_per_call=24.00,...}. */
    private static long field(String stats, String name) {
        for (String pair : stats.split(",")) {
            if (pair.startsWith(name + "=")) {
                return Long.parseLong(pair.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("INFO commandstats without " + name + ": " + stats);
    }

    /** What the server spent between {@code before} and this snapshot; commands not sent in between are left out. */
    ServerStats since(ServerStats before) {
        Map<String, Command> sent = new TreeMap<>();
        commands.forEach((command, now) -> {
            Command delta = now.minus(before.commands.getOrDefault(command, new Command(0, 0)));
            if (delta.calls != 0) {
                sent.put(command, delta);
            }
        });
        return new ServerStats(cpuSeconds - before.cpuSeconds, sent);
    }

    /** Adds {@code other}'s figures to these (deltas of several rounds). */
    ServerStats plus(ServerStats other) {
        Map<String, Command> sum = new TreeMap<>(commands);
        other.commands.forEach((command, c) -> sum.merge(command, c,
                (x, y) -> new Command(x.calls + y.calls, x.micros + y.micros)));
        return new ServerStats(cpuSeconds + other.cpuSeconds, sum);
    }
}
