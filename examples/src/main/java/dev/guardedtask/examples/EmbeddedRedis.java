package dev.guardedtask.examples;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The {@code redis-server} shipped in embedded-redis, on a free loopback port, persisting nothing.
 * It is stopped by {@link #close()} and, should the JVM be ended first (Ctrl-C), by a shutdown hook.
 * The benchmark starts its Redis with it too.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final Thread shutdownHook = new Thread(this::stop, "embedded-redis-stop");

    private EmbeddedRedis(int port) throws IOException {
        this.port = port;
        this.server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("save \"\"").setting("appendonly no").build();
    }

    public static EmbeddedRedis start() {
        try {
            EmbeddedRedis redis = new EmbeddedRedis(freePort());
            Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
            redis.server.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded redis-server: " + e.getMessage(), e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to do
        }
    }

    private synchronized void stop() {
        try {
            if (server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded redis-server on port " + port, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
