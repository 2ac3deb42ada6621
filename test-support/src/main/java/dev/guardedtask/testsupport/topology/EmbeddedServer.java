package dev.guardedtask.testsupport.topology;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code redis-server} on loopback with no replica, as a {@link RedisProcess} a test can {@code kill -9}
 * ({@link #kill()}) and start again on the same port ({@link #restart()}): what an operator has without a
 * replica, under a supervisor that restarts it. Same data settings as the topologies' data nodes: no
 * persistence ({@code save ""}, {@code appendonly no}), so a restarted server is empty. Every file in a private
 * folder deleted by {@link #close()}. (A test that only needs a server uses {@code junit.RedisExtension}.)
 */
public final class EmbeddedServer implements Topology {

    private static final List<String> DATA = List.of("save \"\"", "appendonly no");

    private final Path folder;
    private final RedisProcess server;
    private final Thread shutdownHook = new Thread(this::stopAll, "embedded-server-stop");

    private EmbeddedServer(Path folder, RedisProcess server) {
        this.folder = folder;
        this.server = server;
    }

    /** Starts the server and returns once it answers {@code PING}. */
    public static EmbeddedServer start() {
        Path folder = Folders.create("guardedtask-server-");
        try {
            EmbeddedServer started = new EmbeddedServer(folder, RedisProcess.start("server", folder, false, DATA, List.of()));
            Runtime.getRuntime().addShutdownHook(started.shutdownHook);
            return started;
        } catch (RuntimeException e) {
            Folders.delete(folder);
            throw e;
        }
    }

    public RedisProcess server() {
        return server;
    }

    /** {@code kill -9}; returns the killed process. */
    public RedisProcess kill() {
        server.kill();
        return server;
    }

    /** Starts the killed server again on its port, empty; returns once it answers {@code PING}. */
    public void restart() {
        server.restart(List.of());
    }

    /** Redisson {@code useSingleServer()} on the server, 2 s timeouts. */
    public Config config() {
        Config config = new Config();
        config.useSingleServer().setAddress(server.address()).setConnectTimeout(2_000).setTimeout(2_000);
        return config;
    }

    @Override
    public RedissonClient connect() {
        return connect(config());
    }

    /** A new client on {@code config} ({@link #config()} with other settings, say). */
    public RedissonClient connect(Config config) {
        return Redisson.create(config);
    }

    /** Starts the server again if a test killed it. */
    @Override
    public synchronized void heal() {
        if (!server.isAlive()) {
            restart();
        }
    }

    @Override
    public void flushAll() {
        server.call("FLUSHALL");
    }

    /** Kills the server and deletes its folder. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    private synchronized void stopAll() {
        server.kill();
        Folders.delete(folder);
    }
}
