package dev.guardedtask.console;

import com.sun.net.httpserver.HttpServer;
import dev.guardedtask.TaskOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web console: one page that shows a {@link TaskOperator}'s tasks, runs and locks, refreshed every 2 s,
 * and makes its writes (release, forget, complete), over a JSON API on the same address.
 *
 * <pre>{@code
 * try (ConsoleServer console = ConsoleServer.builder(guard.operator()).port(8080).start()) {
 *     System.out.println(console.uri() + " token " + console.token());
 *     ...
 * }
 * }</pre>
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver.HttpServer}: no dependency to keep up to date,
 * and enough for a console on a loopback address that a few operators open. Secure by default: it binds to
 * {@code 127.0.0.1}; reads need nothing, writes need the {@link #token()} as an {@code Authorization: Bearer}
 * header (which a cross-site form cannot send), come only as {@code POST}, and are refused when an
 * {@code Origin} header names another origin; every request's {@code Host} must name the console's own
 * address and port (against DNS rebinding); no CORS headers; every response forbids framing, sniffing,
 * caching and inline scripts (docs/operations.md, "Web console").
 *
 * <p>Thread-safe. Requests are served by 4 threads of its own (more wait in a queue of 64, then on the
 * accepting thread); {@link #close()} stops them.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final int THREADS = 4;
    private static final int QUEUED = 64;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final URI uri;
    private final String token;

    private ConsoleServer(Builder builder) throws IOException {
        this.token = builder.token != null ? builder.token : newToken();
        server = HttpServer.create(new InetSocketAddress(builder.bind, builder.port), 0);
        int port = server.getAddress().getPort();
        uri = URI.create("http://" + RequestCheck.hostText(builder.bind) + ":" + port + "/");
        executor = executor();
        RequestCheck check = new RequestCheck(builder.bind, port, token, builder.readOnly);
        server.createContext("/", new ConsoleHandler(check, new ApiRoutes(builder.operator, builder.clock,
                builder.readOnly)));
        server.setExecutor(executor);
        server.start();
        if (!builder.bind.isLoopbackAddress()) {
            log.warn("The console listens on {}: anyone who can reach that address can read every task, run and "
                    + "lock it shows (writes still need the token). Bind it to 127.0.0.1 unless that is meant.", uri);
        }
    }

    /**
     * A builder for a console on {@code operator}.
     *
     * @param operator the operator API the console reads and writes through
     * @return a builder with the defaults
     */
    public static Builder builder(TaskOperator operator) {
        return new Builder(operator);
    }

    /**
     * Where the page is: {@code http://127.0.0.1:PORT/} (the bound address and the port it got).
     *
     * @return the page's address
     */
    public URI uri() {
        return uri;
    }

    /**
     * The port it listens on (the free one it got for port 0).
     *
     * @return the bound port
     */
    public int port() {
        return uri.getPort();
    }

    /**
     * What a write's {@code Authorization: Bearer} header must carry: the given token, or the generated one.
     *
     * @return the bearer token of writes
     */
    public String token() {
        return token;
    }

    /**
     * Stops listening, lets requests being served finish for up to 1 s, and stops the server's threads.
     * Idempotent.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Serves until the JVM shuts down (Ctrl-C, SIGTERM) or the calling thread is interrupted, then closes this
     * console and {@code after} (what it reads: the guard or connection of its operator), in that order; the JVM's
     * shutdown waits up to 5 s for both. For a command line that serves until stopped.
     *
     * @param after closed after the console, or {@code null}; a failure to close it is logged
     */
    public void serveUntilShutdown(AutoCloseable after) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "console-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
            closeQuietly(after);
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now, and has waited for the closes above
            }
        }
    }

    private static void closeQuietly(AutoCloseable after) {
        try {
            if (after != null) {
                after.close();
            }
        } catch (Exception e) {
            log.warn("The console closed, but not what it read: {}", Json.oneLine(e), e);
        }
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ThreadPoolExecutor executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), runnable -> {
                    Thread thread = new Thread(runnable, "guardedtask-console-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy()); // a full queue slows accepting, never drops
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Settings of a {@link ConsoleServer}. Not thread-safe; {@link #start()} copies what it needs.
     */
    public static final class Builder {

        /** The shortest token {@link #token(String)} takes. */
        public static final int MIN_TOKEN_LENGTH = 16;

        private final TaskOperator operator;
        private InetAddress bind;
        private int port = 8080;
        private String token;
        private boolean readOnly;
        private Clock clock = Clock.systemUTC();

        private Builder(TaskOperator operator) {
            this.operator = Objects.requireNonNull(operator, "operator");
            this.bind = InetAddress.getLoopbackAddress();
        }

        /**
         * The address to listen on; default {@code 127.0.0.1}. Any other address is logged as a warning:
         * whoever reaches it can read what the console shows.
         *
         * @param address an IP address ({@code 127.0.0.1}, {@code 0.0.0.0} for every interface) or a host name
         * @return this builder
         * @throws IllegalArgumentException if it does not resolve
         */
        public Builder bind(String address) {
            Objects.requireNonNull(address, "address");
            try {
                this.bind = InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Console bind address '" + address + "' does not resolve: give an "
                        + "IP address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)", e);
            }
            return this;
        }

        /**
         * The port; default 8080; 0 takes a free one ({@link ConsoleServer#port()} tells which).
         *
         * @param port the port, 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if not within 0-65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Console port " + port + " is not a port: give 1-65535, or 0 for "
                        + "a free one");
            }
            this.port = port;
            return this;
        }

        /**
         * The token writes must carry; default {@code null}: 32 random bytes, base64url, made at start.
         *
         * @param token the token, or {@code null} to generate one
         * @return this builder
         * @throws IllegalArgumentException if shorter than {@value #MIN_TOKEN_LENGTH} characters or holding
         *     anything but printable ASCII without spaces (the message never repeats it)
         */
        public Builder token(String token) {
            if (token != null && (token.length() < MIN_TOKEN_LENGTH
                    || !token.chars().allMatch(c -> c > ' ' && c < 127))) {
                throw new IllegalArgumentException("Console token (" + token.length() + " characters) must be "
                        + MIN_TOKEN_LENGTH + " or more printable ASCII characters without spaces; leave it out and "
                        + "the console makes one");
            }
            this.token = token;
            return this;
        }

        /**
         * Hide the writes and refuse them with 403; default {@code false}.
         *
         * @param readOnly {@code true} to refuse writes
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * The clock that says how long ago a run ended and how long a lock has been held; default UTC system.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @return the running console; {@code close()} stops it
         * @throws UncheckedIOException if the address and port cannot be bound (the message names them)
         */
        public ConsoleServer start() {
            try {
                return new ConsoleServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("The console cannot listen on " + RequestCheck.hostText(bind) + ":"
                        + port + " (" + e.getMessage() + "): choose another port, or stop what listens there", e);
            }
        }
    }
}
