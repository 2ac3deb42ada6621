package dev.guardedtask.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.NettyHook;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * A Redis address as {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for
 * TLS), turned into a Redisson client with short timeouts, so an unreachable Redis fails a run within
 * seconds instead of hiding behind long retries. {@link #toString()} never shows the password.
 */
public record RedisUri(String scheme, String user, String password, String host, int port, int database) {

    private static final String FORM = "redis://[user:password@]host[:port][/database], e.g. redis://localhost:6379/0";

    public static RedisUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException | NullPointerException e) {
            throw invalid(text, "it is not a URI");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw invalid(text, "the scheme must be redis or rediss");
        }
        if (uri.getHost() == null) {
            throw invalid(text, "it has no host");
        }
        String[] credentials = uri.getUserInfo() == null ? new String[0] : uri.getUserInfo().split(":", 2);
        return new RedisUri(scheme,
                credentials.length == 2 && !credentials[0].isEmpty() ? credentials[0] : null,
                credentials.length == 2 ? credentials[1] : credentials.length == 1 ? credentials[0] : null,
                uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), database(text, uri.getPath()));
    }

    private static int database(String text, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int database = Integer.parseInt(path.substring(1));
            if (database >= 0) {
                return database;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(text, "the path must be a database number such as /0");
    }

    private static IllegalArgumentException invalid(String text, String why) {
        String shown = text == null ? "null" : "'" + text.replaceAll("//[^@/]*@", "//***@") + "'";
        return new IllegalArgumentException("Redis URI " + shown + " is invalid: " + why + ". Expected " + FORM + ".");
    }

    /** Connect and command timeout of the client {@link #connect()} builds, in ms. */
    static final int TIMEOUT_MILLIS = 2_000;

    /**
     * A Redisson client for this address, connected.
     *
     * @throws IllegalStateException if it cannot connect; the message says what Redis answered, or why
     *     nothing answered, and the fix ({@link RedisFailure})
     */
    public RedissonClient connect() {
        Config config = new Config();
        // On Config, not on the server config: those setters are deprecated and log a warning, once per copy.
        config.setUsername(user).setPassword(password);
        config.setNettyHook(new HandshakeTimeout());
        config.useSingleServer()
                .setAddress(scheme + "://" + host + ":" + port)
                .setDatabase(database)
                .setConnectTimeout(TIMEOUT_MILLIS)
                .setTimeout(TIMEOUT_MILLIS)
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(500)));
        try {
            return Redisson.create(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException(RedisFailure.of(e).cannotConnect(toString(), TIMEOUT_MILLIS), e);
        }
    }

    /** Netty gives a TLS handshake 10 s (rediss:// to a plain server failed after 20 s): the connect timeout here. */
    private static final class HandshakeTimeout implements NettyHook {

        @Override
        public void afterBoostrapInitialization(Bootstrap bootstrap) {
            // nothing to change
        }

        @Override
        public void afterChannelInitialization(Channel channel) {
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls != null) {
                tls.setHandshakeTimeoutMillis(TIMEOUT_MILLIS);
            }
        }
    }

    @Override
    public String toString() {
        return scheme + "://" + (password == null ? "" : "***@") + host + ":" + port + "/" + database;
    }
}
