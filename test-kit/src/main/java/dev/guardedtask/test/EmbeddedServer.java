package dev.guardedtask.test;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code redis-server} of {@code Store.EMBEDDED_REDIS}: embedded-redis's binary, extracted once into a private
 * temporary folder, on a free loopback port, persisting nothing ({@code save ""}, {@code appendonly no}). The only
 * class of the kit that names embedded-redis types, loaded only once {@link SharedRedis} checked they are there.
 */
final class EmbeddedServer implements AutoCloseable {

    private static final long START_SECONDS = 30;

    private final RedisServer server;
    private final int port;
    private final File folder;

    private EmbeddedServer(RedisServer server, int port, File folder) {
        this.server = server;
        this.port = port;
        this.folder = folder;
    }

    static EmbeddedServer start() {
        try {
            File folder = Files.createTempDirectory("guardedtask-test-redis-").toFile();
            File binary = ExecutableProvider.newJarResourceProvider(folder).get();
            int port = freePort();
            File config = new File(folder, "redis.conf");
            Files.write(config.toPath(), List.of("bind 127.0.0.1", "save \"\"", "appendonly no",
                    "dir \"" + folder + "\""));
            RedisServer server = new RedisServer(port, List.of(binary.getPath(), config.getPath(), "--port",
                    Integer.toString(port)), false);
            startWithin(server, port);
            return new EmbeddedServer(server, port, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("guardedtask-test: could not start the embedded redis-server: "
                    + e.getMessage(), e);
        }
    }

    /** {@code server.start()} has no bound of its own: a server that never says it is ready would hang the tests. */
    private static void startWithin(RedisServer server, int port) throws IOException {
        FutureTask<Void> start = new FutureTask<>(() -> {
            server.start();
            return null;
        });
        Thread starter = new Thread(start, "guardedtask-test-redis-start");
        starter.setDaemon(true);
        starter.start();
        try {
            start.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stopQuietly(server);
            throw new IllegalStateException("guardedtask-test: the embedded redis-server on port " + port
                    + " did not say it was ready within " + START_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server);
            throw new IllegalStateException("guardedtask-test: interrupted while the embedded redis-server started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("guardedtask-test: the embedded redis-server on port " + port
                    + " could not start: " + e.getCause(), e.getCause());
        }
    }

    private static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException | RuntimeException ignored) {
            // it did not start: nothing more to stop
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } finally {
            File[] files = folder.listFiles();
            for (File file : files == null ? new File[0] : files) {
                Files.deleteIfExists(file.toPath());
            }
            Files.deleteIfExists(folder.toPath());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
