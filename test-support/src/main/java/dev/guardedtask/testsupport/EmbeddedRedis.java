package dev.guardedtask.testsupport;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code redis-server} shipped in embedded-redis, on a free loopback port, persisting nothing
 * ({@code save ""}, {@code appendonly no}: no {@code dump.rdb} left behind). Stopped by
 * {@link #close()} and, should the JVM be ended first (Ctrl-C), by a shutdown hook.
 *
 * <p>Used by the example application and the benchmark at run time, and by the tests' Redis
 * extension. Not thread-safe: one owner starts, stops and closes it.
 */
public final class EmbeddedRedis implements AutoCloseable {

    /**
     * One copy of the binary per JVM, deleted when it exits. By default embedded-redis extracts its 9 MB
     * binary into a new temporary folder at every start and never deletes it: thousands of test starts
     * filled this machine's disk (80 GB) before this.
     */
    private static final ExecutableProvider BINARY = new ExecutableProvider() {
        private File binary;

        @Override
        public synchronized File get() throws IOException {
            if (binary == null) {
                File folder = Files.createTempDirectory("guardedtask-redis-").toFile();
                folder.deleteOnExit(); // registered first, so deleted after the binary inside it
                binary = ExecutableProvider.newJarResourceProvider(folder).get();
                binary.deleteOnExit();
            }
            return binary;
        }
    };

    private final int port;
    private final List<String> settings;
    private final Thread shutdownHook = new Thread(this::stop, "embedded-redis-stop");
    private RedisServer server;

    private EmbeddedRedis(int port, List<String> settings) {
        this.port = port;
        this.settings = settings;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param settings more {@code redis.conf} lines, e.g. {@code "requirepass s3cret"}; kept for {@link #restart()}
     */
    public static EmbeddedRedis start(String... settings) {
        EmbeddedRedis redis = new EmbeddedRedis(freePort(), List.of(settings));
        Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
        redis.restart();
        return redis;
    }

    /**
     * The {@code redis-server} binary every server of this JVM runs, extracted on the first call into a
     * private folder deleted when the JVM exits. The topologies of {@code testsupport.topology} start
     * their processes from it too.
     */
    public static File binary() {
        try {
            return BINARY.get();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the embedded redis-server binary: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT/0}. */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    /** Starts the server again on the same port after {@link #stop()}: empty data, empty script cache. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is running: stop() it before restart()");
        }
        try {
            File binary = BINARY.get();
            // forceStop false: stop() waits until the process has exited and freed the port for a restart
            server = new RedisServer(port, List.of(binary.getPath(), configFile(binary).getPath(), "--port",
                    Integer.toString(port)), false);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded redis-server on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * This server's {@code redis.conf}, next to the binary and deleted with it. (embedded-redis's own builder
     * writes a new one into the system's temporary folder at every start and never deletes it: tens of
     * thousands had piled up.)
     */
    private File configFile(File binary) throws IOException {
        File config = new File(binary.getParentFile(), "redis-" + port + ".conf");
        // The server's working folder is the binary's, shared by every server of the JVM: a replica writes the
        // snapshot its primary sends there, and a later server would load it at start. One file per port,
        // deleted before each start (a restart begins empty) and at exit.
        File snapshot = new File(binary.getParentFile(), "redis-" + port + ".rdb");
        if (!config.exists()) {
            config.deleteOnExit(); // registered after the folder: deleted before it
            snapshot.deleteOnExit();
        }
        Files.deleteIfExists(snapshot.toPath());
        List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1", "save \"\"", "appendonly no",
                "dbfilename " + snapshot.getName()));
        lines.addAll(settings);
        Files.write(config.toPath(), lines);
        return config;
    }

    /** Stops the server, keeping its port for {@link #restart()}; does nothing if it is not running. */
    public synchronized void stop() {
        try {
            if (isRunning()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded redis-server on port " + port, e);
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for the embedded redis-server", e);
        }
    }
}
