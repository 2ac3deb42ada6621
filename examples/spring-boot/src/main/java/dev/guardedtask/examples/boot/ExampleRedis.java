package dev.guardedtask.examples.boot;

import dev.guardedtask.testsupport.EmbeddedRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The example's Redis: the one named on the command line, else an embedded redis-server on a fixed loopback port
 * that this instance starts, or, when that port is already in use (another instance started it), that one.
 */
final class ExampleRedis implements AutoCloseable {

    /** The embedded Redis's port unless {@code --redis-port} says otherwise. */
    static final int PORT = 6390;

    private static final Logger log = LoggerFactory.getLogger(ExampleRedis.class);

    private final String uri;
    private final EmbeddedRedis started;

    private ExampleRedis(String uri, EmbeddedRedis started) {
        this.uri = uri;
        this.started = started;
    }

    static ExampleRedis choose(SimpleCommandLinePropertySource options) {
        String named = options.getProperty("redis");
        if (named == null) {
            named = options.getProperty(SpringBootExampleApp.REDIS_URI_PROPERTY);
        }
        if (named != null) {
            return new ExampleRedis(named, null);
        }
        int port = port(options.getProperty("redis-port"));
        if (inUse(port)) {
            log.info("Port {} is in use: joining the embedded Redis another instance started there", port);
            return new ExampleRedis("redis://127.0.0.1:" + port + "/0", null);
        }
        EmbeddedRedis redis = EmbeddedRedis.startOn(port);
        log.info("Started an embedded Redis on {}: start a second instance now, it will join it", redis.uri());
        return new ExampleRedis(redis.uri(), redis);
    }

    private static int port(String value) {
        if (value == null) {
            return PORT;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--redis-port=" + value + " is not a port: give 1 to 65535, e.g. "
                    + "--redis-port=" + PORT + ".", e);
        }
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    String uri() {
        return uri;
    }

    /** Stops the embedded Redis if this instance started it. */
    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
