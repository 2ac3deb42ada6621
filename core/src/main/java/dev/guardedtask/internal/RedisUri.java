package dev.guardedtask.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.NettyHook;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis address as {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for
 * TLS), turned into a Redisson client with short timeouts, so an unreachable Redis fails a run within
 * seconds instead of hiding behind long retries. {@link #toString()} never shows the password.
 */
public record RedisUri(String scheme, String user, String password, String host, int port, int database) {

    private static final String FORM = "redis://[user:password@]host[:port][/database], e.g. redis://localhost:6379/0";
    private static final String ENCODING = "If the user or password has special characters, percent-encode them: "
            + "@ as %40, / as %2F, : as %3A, ? as %3F, # as %23, % as %25.";
    /** An authority that {@code URI} found no host in: does it end with a port? */
    private static final Pattern PORT_OF_AUTHORITY = Pattern.compile("(?:.*@)?[^@:]*:(-?[0-9]+)");

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
            throw invalid(text, hostless(text, uri.getRawAuthority()));
        }
        checkRest(text, uri);
        String[] credentials = credentials(uri.getRawUserInfo());
        return new RedisUri(scheme, credentials[0], credentials[1], uri.getHost(),
                uri.getPort() == -1 ? 6379 : uri.getPort(), database(text, uri.getPath()));
    }

    /**
     * URI takes no host when the port does not fit an int, or when the user information holds a character
     * that ends it early ({@code @ / ? #}, not percent-encoded): say that, rather than "no host".
     */
    private static String hostless(String text, String authority) {
        int start = text.indexOf("://");
        boolean userInfo = start >= 0 && text.indexOf('@', start + 3) >= 0;
        if (userInfo && (authority == null || authority.indexOf('@') != authority.lastIndexOf('@')
                || authority.indexOf('@') < 0)) {
            return "the user name or password holds a character that ends it early ('@', '/', '?' or '#')";
        }
        Matcher port = PORT_OF_AUTHORITY.matcher(String.valueOf(authority));
        return port.matches() && !inRange(port.group(1)) ? badPort(port.group(1)) : "it has no host";
    }

    /**
     * User ({@code null} if none) and password, split before decoding: a percent-encoded {@code :} (%3A)
     * belongs to the user name. A user information without {@code :} is a password.
     */
    private static String[] credentials(String rawUserInfo) {
        if (rawUserInfo == null) {
            return new String[2];
        }
        int colon = rawUserInfo.indexOf(':');
        return new String[] {colon > 0 ? decoded(rawUserInfo.substring(0, colon)) : null,
                decoded(rawUserInfo.substring(colon + 1))};
    }

    /** What {@code URI} parses but a Redis address cannot have: a port out of range, a query, a fragment. */
    private static void checkRest(String text, URI uri) {
        if (uri.getPort() != -1 && !inRange(Integer.toString(uri.getPort()))) {
            throw invalid(text, badPort(Integer.toString(uri.getPort())));
        }
        if (uri.getRawQuery() != null) {
            throw invalid(text, "it has a query (" + Masking.uri("?" + uri.getRawQuery()) + "), which guardedtask "
                    + "does not read: remove it; for other client settings, configure your own RedissonClient and "
                    + "pass it with TaskGuard.builder().redisson(client)");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(text, "it has a fragment (#" + uri.getRawFragment() + "), which means nothing in a Redis "
                    + "address: remove it");
        }
    }

    /** Percent-decoded as UTF-8; {@code URI} has checked that every {@code %} starts two hex digits. */
    private static String decoded(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int from = 0;
        for (int at = raw.indexOf('%'); at >= 0; at = raw.indexOf('%', from)) {
            bytes.writeBytes(raw.substring(from, at).getBytes(StandardCharsets.UTF_8));
            bytes.write(Integer.parseInt(raw, at + 1, at + 3, 16));
            from = at + 3;
        }
        bytes.writeBytes(raw.substring(from).getBytes(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean inRange(String port) {
        return port.length() <= 5 && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65_535;
    }

    private static String badPort(String port) {
        return "the port " + port + " is not from 1 to 65535";
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
        String shown = text == null ? "null" : "'" + Masking.uri(text) + "'";
        return new IllegalArgumentException("Redis URI " + shown + " is invalid: " + why + ". Expected " + FORM + "."
                + (text != null && Masking.hasUserInfo(text) ? " " + ENCODING : ""));
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
        // The guard sends plain strings: no argument is a Redisson object to store as a reference, and the
        // check Redisson makes of every argument for one is work for nothing on each call.
        config.setReferenceEnabled(false);
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
