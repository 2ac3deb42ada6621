package dev.guardedtask.testsupport.topology;

import dev.guardedtask.testsupport.EmbeddedRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@code redis-server} process of a topology (a cluster node, a data node or a sentinel), started
 * from the JVM's one extracted binary ({@link EmbeddedRedis#binary()}) in a folder of its own, which holds
 * its {@code redis.conf}, its log ({@code redis.log}) and what it writes ({@code nodes.conf}, a sentinel's
 * rewritten configuration). The topology owns it: it starts, kills, restarts and deletes it.
 */
public final class RedisProcess {

    private static final Duration READY = Duration.ofSeconds(20);
    private static final int COMMAND_TIMEOUT_MILLIS = 2_000;

    private final String name;
    private final Path dir;
    private final int port;
    private final boolean sentinel;
    private final List<String> settings;
    private Process process;

    private RedisProcess(String name, Path dir, int port, boolean sentinel, List<String> settings) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.sentinel = sentinel;
        this.settings = List.copyOf(settings);
    }

    /**
     * Starts a process on a free loopback port (another one if that port is taken meanwhile) and returns
     * once it answers {@code PING}.
     *
     * @param settings {@code redis.conf} lines besides {@code port}, {@code bind} and {@code dir}, kept for restarts
     * @param more {@code redis.conf} lines for this first start only, e.g. {@code replicaof 127.0.0.1 PORT}
     */
    static RedisProcess start(String name, Path parent, boolean sentinel, List<String> settings, List<String> more) {
        for (int attempt = 1; ; attempt++) {
            RedisProcess node = new RedisProcess(name, parent.resolve(name), Ports.freeWithBus(), sentinel, settings);
            try {
                node.restart(more);
                return node;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !node.log().contains("Address already in use")) {
                    throw e;
                }
                Folders.delete(node.dir); // the next attempt's log starts empty
            }
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, as Redisson takes it. */
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    /** The process id, as {@code kill} takes it. */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: SIGKILL, no shutdown of any kind; returns once the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(process);
    }

    /**
     * Starts the process again on the same port from its folder (a cluster node keeps its identity in
     * {@code nodes.conf}); returns once it answers {@code PING}.
     *
     * @param more {@code redis.conf} lines for this start only, e.g. {@code replicaof 127.0.0.1 PORT}
     */
    synchronized void restart(List<String> more) {
        if (isAlive()) {
            throw new IllegalStateException(this + " is running: kill it before restarting it");
        }
        List<String> lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir \"" + dir + "\""));
        lines.addAll(settings);
        lines.addAll(more);
        try {
            Files.createDirectories(dir);
            Path conf = Files.write(dir.resolve("redis.conf"), lines, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(EmbeddedRedis.binary().getPath(), conf.toString()));
            if (sentinel) {
                command.add("--sentinel");
            }
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + this + ": " + e.getMessage(), e);
        }
        awaitPong();
    }

    /**
     * Sends one command on a connection of its own and returns the reply: a {@code String} (status or bulk),
     * a {@code Long}, a {@code List} of these, or {@code null}.
     *
     * @throws redis.clients.jedis.exceptions.JedisException if the node cannot be reached or answers an error
     */
    public Object call(String command, String... arguments) {
        ProtocolCommand raw = () -> command.getBytes(StandardCharsets.UTF_8);
        try (Jedis jedis = new Jedis("127.0.0.1", port, COMMAND_TIMEOUT_MILLIS)) {
            return decode(jedis.sendCommand(raw, arguments));
        }
    }

    /** {@code INFO section} as a map, e.g. {@code info("replication").get("role")}. */
    public Map<String, String> info(String section) {
        Map<String, String> fields = new LinkedHashMap<>();
        ((String) call("INFO", section)).lines().filter(line -> line.indexOf(':') > 0)
                .forEach(line -> fields.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1)));
        return fields;
    }

    /** The process's output so far (its log), for failure messages. */
    public String log() {
        try {
            Path log = dir.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (127.0.0.1:" + port + (process == null ? "" : ", pid " + process.pid()) + ")";
    }

    private void awaitPong() {
        Process started = process;
        try {
            Poll.until(READY, this + " to answer PING", () -> {
                if (!started.isAlive()) {
                    throw new Poll.GiveUp(this + " exited with status " + started.exitValue());
                }
                return Optional.of(call("PING")).filter("PONG"::equals);
            });
        } catch (IllegalStateException e) {
            started.destroyForcibly();
            awaitExit(started);
            throw new IllegalStateException("Could not start " + this + ": " + e.getMessage() + ". Its log ends with:\n"
                    + tail(log()), e);
        }
    }

    private static Object decode(Object reply) {
        if (reply instanceof byte[]) {
            return new String((byte[]) reply, StandardCharsets.UTF_8);
        }
        if (reply instanceof List) {
            return ((List<?>) reply).stream().map(RedisProcess::decode).collect(Collectors.toList());
        }
        return reply;
    }

    private static String tail(String log) {
        List<String> lines = Arrays.asList(log.split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server pid " + process.pid() + " still runs 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
