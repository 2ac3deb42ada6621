package dev.guardedtask.testsupport;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code redis-server} on a free loopback port, persisting nothing ({@code save ""}, {@code appendonly no}:
 * no {@code dump.rdb} left behind). Stopped by {@link #close()} and, should the JVM be ended first (Ctrl-C),
 * by a shutdown hook.
 *
 * <p>The binary is the one shipped in embedded-redis (6.2), unless the system property
 * {@value #SERVER_PROPERTY} names another one, e.g. {@code -Dguardedtask.redis.server=/usr/bin/redis-server}
 * (Debian's 7.0): then every server and topology of the JVM runs that one. {@link #start(File, String...)}
 * and {@link #startTls} take a binary explicitly.
 *
 * <p>Used by the example application and the benchmark at run time, and by the tests' Redis
 * extension. Not thread-safe: one owner starts, stops and closes it.
 */
public final class EmbeddedRedis implements AutoCloseable {

    /** The system property that selects the {@code redis-server} binary: a path. */
    public static final String SERVER_PROPERTY = "guardedtask.redis.server";

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
                binary = ExecutableProvider.newJarResourceProvider(folder()).get();
                binary.deleteOnExit(); // registered after the folder: deleted before it
            }
            return binary;
        }
    };

    /** This JVM's private folder for the extracted binary and the servers' {@code redis.conf} files. */
    private static File folder;

    private final File binary;
    private final int port;
    private final boolean tls;
    private final List<String> settings;
    private final Duration startBound;
    private final Thread shutdownHook = new Thread(this::stop, "embedded-redis-stop");
    private RedisServer server;

    private EmbeddedRedis(File binary, int port, boolean tls, List<String> settings) {
        this(binary, port, tls, settings, START_BOUND);
    }

    private EmbeddedRedis(File binary, int port, boolean tls, List<String> settings, Duration startBound) {
        this.startBound = startBound;
        this.binary = binary;
        this.port = port;
        this.tls = tls;
        this.settings = settings;
    }

    /**
     * Starts a server of the JVM's binary ({@link #binary()}) on a free loopback port.
     *
     * @param settings more {@code redis.conf} lines, e.g. {@code "requirepass s3cret"}; kept for {@link #restart()}
     */
    public static EmbeddedRedis start(String... settings) {
        return start(binary(), settings);
    }

    /**
     * As {@link #start(String...)}, on the given loopback port instead of a free one: an application that a second
     * instance finds there (the Spring Boot example). Fails if the port is taken.
     *
     * @param port 1 to 65535
     */
    public static EmbeddedRedis startOn(int port, String... settings) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port: give 1 to 65535");
        }
        return started(new EmbeddedRedis(binary(), port, false, List.of(settings)));
    }

    /** As {@link #start(String...)}, with the given {@code redis-server} binary, e.g. {@link SystemRedis#binary()}. */
    public static EmbeddedRedis start(File binary, String... settings) {
        return started(new EmbeddedRedis(binary, freePort(), false, List.of(settings)));
    }

    /** As {@link #start(File, String...)}, giving the server {@code startBound} to say it is ready (tests of that). */
    static EmbeddedRedis start(File binary, Duration startBound) {
        return started(new EmbeddedRedis(binary, freePort(), false, List.of(), startBound));
    }

    /**
     * A server that speaks only TLS ({@code port 0}, {@code tls-port} a free loopback port), with the server
     * certificate and key of {@code certificates}, not asking for client certificates ({@code tls-auth-clients
     * no}). The embedded 6.2 binary has no TLS: give one that has, e.g. {@link SystemRedis#binary()}.
     */
    public static EmbeddedRedis startTls(File binary, TestCertificates certificates, String... settings) {
        List<String> lines = new ArrayList<>(List.of("tls-cert-file \"" + certificates.serverCertificate() + "\"",
                "tls-key-file \"" + certificates.serverKey() + "\"",
                "tls-ca-cert-file \"" + certificates.caCertificate() + "\"", "tls-auth-clients no"));
        lines.addAll(List.of(settings));
        return started(new EmbeddedRedis(binary, freePort(), true, lines));
    }

    private static EmbeddedRedis started(EmbeddedRedis redis) {
        Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
        try {
            redis.restart();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /**
     * The {@code redis-server} binary every server of this JVM runs unless told otherwise: the one the system
     * property {@value #SERVER_PROPERTY} names, else the embedded-redis one, extracted on the first call into
     * a private folder deleted when the JVM exits. The topologies of {@code testsupport.topology} start
     * their processes from it too.
     *
     * @throws IllegalStateException if the property names no executable file
     */
    public static File binary() {
        String selected = System.getProperty(SERVER_PROPERTY, "");
        if (!selected.isBlank()) {
            File file = new File(selected);
            if (!file.isFile() || !file.canExecute()) {
                throw new IllegalStateException("-D" + SERVER_PROPERTY + "=" + selected + " is not an executable "
                        + "file: give the path of a redis-server binary (e.g. /usr/bin/redis-server, from "
                        + "'apt-get install redis-server'), or leave the property out for the embedded one.");
            }
            return file;
        }
        try {
            return BINARY.get();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the embedded redis-server binary: " + e.getMessage(), e);
        }
    }

    private static synchronized File folder() throws IOException {
        if (folder == null) {
            folder = Files.createTempDirectory("guardedtask-redis-").toFile();
            folder.deleteOnExit(); // registered first, so deleted after the files inside it
        }
        return folder;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT/0}, or {@code rediss://} for a TLS server. */
    public String uri() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port + "/0";
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
            List<String> command = new ArrayList<>(List.of(binary.getPath(), configFile().getPath()));
            command.addAll(tls ? List.of("--port", "0", "--tls-port", Integer.toString(port))
                    : List.of("--port", Integer.toString(port)));
            // forceStop false: stop() waits until the process has exited and freed the port for a restart
            server = new RedisServer(port, command, false);
            startWithin(server, startBound);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded redis-server on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** How long a server may take to say it is ready, unless told otherwise. */
    private static final Duration START_BOUND = Duration.ofSeconds(30);

    /**
     * {@code server.start()}, which reads the server's output until it says it is ready, with no bound of its own: a
     * server that never says so (one that deadlocked at start) would hang the test run. Past {@code bound}, the
     * process is killed and the start fails.
     */
    private void startWithin(RedisServer server, Duration bound) throws IOException {
        FutureTask<Void> start = new FutureTask<>(() -> {
            server.start();
            return null;
        });
        Thread starter = new Thread(start, "embedded-redis-start-" + port);
        starter.setDaemon(true);
        starter.start();
        try {
            start.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            killProcess();
            throw new IllegalStateException(binary + " on port " + port + " did not say it was ready within "
                    + bound.toSeconds() + " s: killed it. Start it by hand with the same arguments to see why.");
        } catch (InterruptedException e) {
            killProcess();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redis-server on port " + port + " started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("redis-server on port " + port + " could not start: " + e.getCause(),
                    e.getCause());
        }
    }

    /** Kills this JVM's redis-server process listening on {@link #port}, found by its command line; waits 5 s at most. */
    private void killProcess() {
        String listening = (tls ? "--tls-port " : "--port ") + port;
        ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().map(line -> line.contains(listening)).orElse(false))
                .forEach(process -> {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join(); // gone, or given up on
                });
    }

    /**
     * This server's {@code redis.conf}, in the JVM's private folder, deleted by {@link #close()} or when the JVM
     * exits. (embedded-redis's own builder writes a new one into the system's temporary folder at every start
     * and never deletes it: tens of thousands had piled up.)
     */
    private File configFile() throws IOException {
        File config = new File(folder(), "redis-" + port + ".conf");
        // A replica writes the snapshot its primary sends into its working folder, and a later server there would
        // load it at start: one file per port in the JVM's folder, deleted before each start (a restart begins
        // empty), by close() and at exit.
        File snapshot = snapshot();
        if (!config.exists()) {
            config.deleteOnExit(); // registered after the folder: deleted before it
            snapshot.deleteOnExit();
        }
        Files.deleteIfExists(snapshot.toPath());
        List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1", "save \"\"", "appendonly no",
                "dir \"" + folder() + "\"", "dbfilename " + snapshot.getName()));
        lines.addAll(settings);
        Files.write(config.toPath(), lines);
        return config;
    }

    private File snapshot() throws IOException {
        return new File(folder(), "redis-" + port + ".rdb");
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
            Files.deleteIfExists(configFile().toPath());
            Files.deleteIfExists(snapshot().toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the files of the server on port " + port, e);
        }
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
