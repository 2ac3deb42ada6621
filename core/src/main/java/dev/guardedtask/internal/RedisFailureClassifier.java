package dev.guardedtask.internal;

import dev.guardedtask.internal.RedisFailure.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisOutOfMemoryException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link RedisFailure} from the cause chain Redisson hands over, where the cause sits several
 * wrappers down: Redis's error reply by its code, or why nothing answered.
 */
final class RedisFailureClassifier {

    /** A Redis error reply starts with an upper-case code: WRONGPASS, NOAUTH, NOPERM, CROSSSLOT, ERR, OOM, ... */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]{2,}[A-Z_-]* .*", Pattern.DOTALL);
    /**
     * The codes with a fix of their own, first in the reply or, from inside a script on Redis 6.2, after
     * {@code ERR Error running script (...): @user_script:3: } (and {@code @user_script: 3: -}).
     */
    private static final Pattern SCRIPT_OR_REPLY_CODE = Pattern.compile("(?:^|: -?)(READONLY|OOM|WRONGTYPE) ");

    private RedisFailureClassifier() {
    }

    static RedisFailure of(Throwable error) {
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
        if (cause instanceof RedisOutOfMemoryException) {
            // Redisson cuts "OOM" (and a script's "ERR Error running script ... -OOM") off the reply
            return new RedisFailure(Kind.OUT_OF_MEMORY, "OOM " + reply(message));
        }
        if (cause instanceof RedisRetryException) {
            // CLUSTERDOWN, TRYAGAIN, MASTERDOWN, LOADING: what Redisson retries itself, as they pass (a failover)
            return new RedisFailure(Kind.NOT_SERVING, reply(message));
        }
        if (cause instanceof RedisException && !(cause instanceof RedisConnectionException)
                && !(cause instanceof RedisTimeoutException) && ERROR_CODE.matcher(message).matches()) {
            return new RedisFailure(replyKind(message), reply(message));
        }
        if (cause instanceof IllegalStateException && message.startsWith(NOT_REDIS)) {
            return new RedisFailure(Kind.NOT_REDIS, firstWords(message.substring(NOT_REDIS.length())));
        }
        Kind kind = connectionKind(cause);
        return kind == null ? null : new RedisFailure(kind, masked(message));
    }

    /** What Redisson's decoder throws when the bytes it read are no Redis reply (an HTTP server's, say). */
    private static final String NOT_REDIS = "Can't decode replay: ";

    /** The first line of what another server sent, at most 40 characters: e.g. {@code HTTP/1.1 400 Bad Request}. */
    private static String firstWords(String sent) {
        String line = sent.strip().split("[\\r\\n]", 2)[0];
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
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
            return untrusted(cause) ? Kind.TLS_UNTRUSTED : Kind.TLS_FAILED;
        }
        if (cause instanceof ConnectException) {
            return Kind.CONNECTION_REFUSED;
        }
        return cause instanceof UnknownHostException ? Kind.UNKNOWN_HOST : null;
    }

    /**
     * No chain from the server's certificate to a trusted CA: the JDK's PKIX validator fails building it
     * ({@code SunCertPathBuilderException}) or validating it, under the handshake's exception.
     */
    private static boolean untrusted(Throwable handshake) {
        for (Throwable cause = handshake; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                    || String.valueOf(cause.getMessage()).startsWith("PKIX path building failed")) {
                return true;
            }
        }
        return false;
    }

    private static Kind replyKind(String message) {
        if (message.startsWith("WRONGPASS ") || message.startsWith("ERR ") && message.contains("(AUTH)")) {
            return Kind.LOGIN_REFUSED; // ERR to AUTH: "called without any password configured", "invalid password"
        }
        if (message.startsWith("NOAUTH ")) {
            return Kind.LOGIN_REQUIRED;
        }
        if (message.startsWith("CROSSSLOT ")) {
            return Kind.CROSS_SLOT;
        }
        // Redis 6.2 reports a command refused inside a script as ERR, with this text.
        if (message.startsWith("NOPERM ") || message.contains("can't run this command")) {
            return Kind.NO_PERMISSION;
        }
        Matcher code = SCRIPT_OR_REPLY_CODE.matcher(message);
        if (!code.find()) {
            return Kind.ERROR_REPLY;
        }
        return switch (code.group(1)) {
            case "READONLY" -> Kind.READ_ONLY;
            case "OOM" -> Kind.OUT_OF_MEMORY;
            default -> Kind.WRONG_TYPE;
        };
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
