package dev.guardedtask.internal;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Why a Redis connection or command failed, read from the cause chain Redisson hands over (where the
 * cause sits several wrappers down), in words a user can act on: what Redis answered, or that nothing
 * answered and why, and the fix. Used when a guard's own client cannot connect and when a run cannot
 * reach Redis. Redis's answer is quoted without what Redisson appends (channel, command, parameters).
 * No text quoted here holds a password: Redis does not echo one but in an unknown command's arguments
 * (cut, see {@link #reply}), Redisson masks AUTH's parameters, and URI user information and HELLO's
 * parameters are masked here ({@link Masking}).
 */
public record RedisFailure(Kind kind, String detail) {

    /** The causes told apart: whether Redis answered (with an error), and whether only a setting can cure it. */
    public enum Kind {
        LOGIN_REFUSED(true, true), LOGIN_REQUIRED(true, true), NO_PERMISSION(true, true), ERROR_REPLY(true, false),
        CONNECTION_REFUSED(false, false), UNKNOWN_HOST(false, false), TIMEOUT(false, false),
        TLS_NOT_SPOKEN(false, true), TLS_FAILED(false, true), OTHER(false, false);

        private final boolean answered;
        private final boolean configuration;

        Kind(boolean answered, boolean configuration) {
            this.answered = answered;
            this.configuration = configuration;
        }
    }

    /** A Redis error reply starts with an upper-case code: WRONGPASS, NOAUTH, NOPERM, ERR, OOM, ... */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]{2,}[A-Z_-]* .*", Pattern.DOTALL);
    private static final String IN_URI = "the URI";

    public static RedisFailure of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            RedisFailure failure = classify(cause);
            if (failure != null) {
                return failure;
            }
        }
        return new RedisFailure(Kind.OTHER, describe(error));
    }

    private static RedisFailure classify(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof RedisException && !(cause instanceof RedisConnectionException)
                && !(cause instanceof RedisTimeoutException) && ERROR_CODE.matcher(message).matches()) {
            return new RedisFailure(replyKind(message), reply(message));
        }
        Kind kind = connectionKind(cause);
        return kind == null ? null : new RedisFailure(kind, masked(message));
    }

    /** Why nothing answered, or null if {@code cause} does not say. */
    private static Kind connectionKind(Throwable cause) {
        if (cause instanceof RedisTimeoutException || cause instanceof TimeoutException
                || cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException) {
            return Kind.TIMEOUT; // before ConnectException: netty's ConnectTimeoutException is one
        }
        if (cause instanceof SslHandshakeTimeoutException || cause instanceof NotSslRecordException) {
            return Kind.TLS_NOT_SPOKEN; // before SSLException: both are
        }
        if (cause instanceof SSLException) {
            return Kind.TLS_FAILED;
        }
        if (cause instanceof ConnectException) {
            return Kind.CONNECTION_REFUSED;
        }
        return cause instanceof UnknownHostException ? Kind.UNKNOWN_HOST : null;
    }

    private static Kind replyKind(String message) {
        if (message.startsWith("WRONGPASS ") || message.startsWith("ERR ") && message.contains("(AUTH)")) {
            return Kind.LOGIN_REFUSED; // ERR to AUTH: "called without any password configured", "invalid password"
        }
        if (message.startsWith("NOAUTH ")) {
            return Kind.LOGIN_REQUIRED;
        }
        // Redis 6.2 reports a command refused inside a script as ERR, with this text.
        return message.startsWith("NOPERM ") || message.contains("can't run this command")
                ? Kind.NO_PERMISSION : Kind.ERROR_REPLY;
    }

    /**
     * Redis's own answer: Redisson appends ". channel: ... command: ..., params: [...]" (AUTH's masked).
     * Redis echoes a command's arguments only in "unknown command ..., with args beginning with:", which
     * could be AUTH's: cut there too.
     */
    static String reply(String message) {
        String reply = message;
        for (String appended : new String[] {" channel: ", ", with args beginning with:"}) {
            int at = reply.indexOf(appended);
            reply = at < 0 ? reply : reply.substring(0, at);
        }
        return masked(reply.strip().replaceAll("\\.+$", ""));
    }

    private static String masked(String text) {
        return Masking.message(text.strip());
    }

    /** Redis sent an error reply: it was reached, and refused. */
    public boolean answered() {
        return kind.answered;
    }

    /** A setting is wrong (credentials, ACL, TLS): every call fails the same way until it is changed. */
    public boolean configuration() {
        return kind.configuration;
    }

    /** What happened: Redis's answer as it gave it, or why nothing answered. No full stop. */
    public String what() {
        return what("timed out");
    }

    private String what(String timedOut) {
        return switch (kind) {
            case LOGIN_REFUSED, LOGIN_REQUIRED, NO_PERMISSION, ERROR_REPLY -> "Redis answered " + detail;
            case CONNECTION_REFUSED -> "nothing listens at that host and port (" + detail + ")";
            case UNKNOWN_HOST -> "the host name does not resolve (" + detail + ")";
            case TIMEOUT -> timedOut + " (" + detail + ")";
            case TLS_NOT_SPOKEN -> "the server did not answer the TLS handshake (" + detail + ")";
            case TLS_FAILED -> "the TLS handshake failed (" + detail + ")";
            case OTHER -> detail;
        };
    }

    /**
     * What to do, starting in lower case, no full stop.
     *
     * @param settings where the connection settings are: "the URI" (then the password's place in it is
     *     shown too), or e.g. "your RedissonClient's Config"
     */
    public String fix(String settings) {
        return switch (kind) {
            case LOGIN_REFUSED -> "check the user name and password in " + settings;
            case LOGIN_REQUIRED -> "give the password in " + settings + (settings.equals(IN_URI)
                    ? ": redis://:password@host:port/db, or redis://user:password@host:port/db for an ACL user" : "");
            case NO_PERMISSION -> "grant the ACL user the commands and keys listed in docs/operations.md#acl";
            case ERROR_REPLY -> "check " + settings + " and the server's settings against Redis's answer";
            case CONNECTION_REFUSED -> "start the server, or check the host and port in " + settings;
            case UNKNOWN_HOST -> "check the host name in " + settings;
            case TIMEOUT -> "check that the server runs and is not overloaded; a TLS server does not answer "
                    + "redis:// either: use rediss:// for it";
            case TLS_NOT_SPOKEN -> "the server does not seem to use TLS: use redis:// for it";
            case TLS_FAILED -> "make this JVM trust the server's certificate, or configure TLS on your own "
                    + "RedissonClient and pass it with TaskGuard.builder().redisson(client)";
            case OTHER -> "check that the server runs and " + settings + " is right, or pass your own RedissonClient";
        };
    }

    /**
     * The message when a client built from a URI cannot connect.
     *
     * @param uri the URI as {@link RedisUri#toString()} shows it, without the password
     * @param timeoutMillis the client's connect and command timeout
     */
    public String cannotConnect(String uri, int timeoutMillis) {
        String fix = fix(IN_URI);
        String what = what("timed out after " + timeoutMillis + " ms");
        return "Cannot connect to Redis at " + uri + ": " + sentence(what) + " "
                + Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".";
    }

    /** {@code text} with a full stop, unless it ends with a question or exclamation mark (Redis's answers may). */
    public static String sentence(String text) {
        return text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }

    /** Redisson's own message is often generic ("Unexpected exception..."): add the first cause that says more. */
    private static String describe(Throwable error) {
        String message = String.valueOf(error.getMessage());
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                return masked(message + " (" + cause.getMessage() + ")");
            }
        }
        return masked(message);
    }
}
