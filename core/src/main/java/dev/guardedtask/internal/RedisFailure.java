package dev.guardedtask.internal;

/**
 * Why a Redis connection or command failed, in words a user can act on: what Redis answered, or that
 * nothing answered and why, and the fix. Read from the cause chain by {@link RedisFailureClassifier};
 * used when a guard's own client cannot connect and when a run cannot reach Redis or Redis refuses it.
 * Redis's answer is quoted without what Redisson appends (channel, command, parameters). No text quoted
 * here holds a password: Redis does not echo one but in an unknown command's arguments (cut, see
 * {@link RedisFailureClassifier#reply}), Redisson masks AUTH's parameters, and URI user information and
 * HELLO's parameters are masked ({@link Masking}).
 */
public record RedisFailure(Kind kind, String detail) {

    /** The causes told apart: whether Redis answered (with an error), and whether only a setting can cure it. */
    public enum Kind {
        LOGIN_REFUSED(true, true), LOGIN_REQUIRED(true, true), NO_PERMISSION(true, true), READ_ONLY(true, false),
        WRONG_TYPE(true, true), CROSS_SLOT(true, true), OUT_OF_MEMORY(true, false), NOT_SERVING(true, false),
        ERROR_REPLY(true, false),
        CONNECTION_REFUSED(false, false), UNKNOWN_HOST(false, false), TIMEOUT(false, false),
        TLS_NOT_SPOKEN(false, true), TLS_UNTRUSTED(false, true), TLS_FAILED(false, true), NOT_REDIS(false, true),
        OTHER(false, false);

        private final boolean answered;
        private final boolean configuration;

        Kind(boolean answered, boolean configuration) {
            this.answered = answered;
            this.configuration = configuration;
        }
    }

    private static final String IN_URI = "the URI";

    public static RedisFailure of(Throwable error) {
        return RedisFailureClassifier.of(error);
    }

    /** Redis sent an error reply: it was reached, and refused. */
    public boolean answered() {
        return kind.answered;
    }

    /**
     * The command was refused and will be again until a setting changes: Redis answered with an error
     * (every one but out of memory, {@link Kind#NOT_SERVING} and {@link Kind#READ_ONLY}, which pass: a replica
     * answers writes with {@code READONLY} while a failover moves the primary), or the TLS settings do not fit the
     * server's. What {@link #advice} calls "not an outage". The run's reason is then {@code backend_refused}, not
     * {@code backend_unavailable}.
     */
    public boolean refused() {
        return kind.configuration || kind == Kind.ERROR_REPLY;
    }

    /**
     * A setting is wrong (credentials, ACL, TLS, keys shared with another application,
     * a key scheme that does not fit a cluster):
     * every call fails the same way until it is changed.
     */
    public boolean configuration() {
        return kind.configuration;
    }

    /** What happened: Redis's answer as it gave it, or why nothing answered. No full stop. */
    public String what() {
        return what("timed out");
    }

    private String what(String timedOut) {
        return switch (kind) {
            case LOGIN_REFUSED, LOGIN_REQUIRED, NO_PERMISSION, READ_ONLY, WRONG_TYPE, CROSS_SLOT, OUT_OF_MEMORY,
                 NOT_SERVING, ERROR_REPLY ->
                    "Redis answered " + detail;
            case CONNECTION_REFUSED -> "nothing listens at that host and port (" + detail + ")";
            case UNKNOWN_HOST -> "the host name does not resolve (" + detail + ")";
            case TIMEOUT -> timedOut + " (" + detail + ")";
            case TLS_NOT_SPOKEN -> "the server did not answer the TLS handshake (" + detail + ")";
            case TLS_UNTRUSTED -> "the server's TLS certificate is not trusted (" + detail + ")";
            case TLS_FAILED -> "the TLS handshake failed (" + detail + ")";
            case NOT_REDIS -> "what answered at that host and port is not Redis (it sent: " + detail + ")";
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
            case READ_ONLY -> "the server is a read-only replica: right after a failover the client finds the new primary "
                    + "by itself; if it lasts, point " + settings + " at the primary";
            case WRONG_TYPE -> "another application uses the same key names: give this guard a key prefix of its "
                    + "own, e.g. TaskGuard.builder().keyPrefix(\"myapp:\")";
            case CROSS_SLOT -> "the keys of one call are in different Redis Cluster slots: use the cluster key "
                    + "scheme, TaskGuard.builder().keyScheme(KeyScheme.CLUSTER), which a guard on a cluster "
                    + "RedissonClient (Config.useClusterServers()) gets unless told otherwise";
            case OUT_OF_MEMORY -> "Redis is out of memory (maxmemory): free memory on the server or raise its "
                    + "maxmemory";
            case NOT_SERVING -> "Redis cannot serve for now (a failover or a slot moving in a cluster, a replica cut "
                    + "off from its master, or data still loading)";
            case ERROR_REPLY -> "check " + settings + " and the server's settings against Redis's answer";
            case CONNECTION_REFUSED -> "start the server, or check the host and port in " + settings;
            case UNKNOWN_HOST -> "check the host name in " + settings;
            case TIMEOUT -> "check that the server runs and is not overloaded; a TLS server does not answer "
                    + "redis:// either: use rediss:// for it";
            case TLS_NOT_SPOKEN -> "the server does not seem to use TLS: use redis:// for it";
            case TLS_UNTRUSTED -> settings.equals(IN_URI)
                    ? "add the CA that signed the server's certificate to the trust store of this JVM, which "
                    + "rediss:// uses (or start the JVM with -Djavax.net.ssl.trustStore=FILE), or give the CA as "
                    + "sslTruststore and sslTruststorePassword in a Redisson YAML configuration, "
                    + "TaskGuard.builder().redissonConfig(file) (docs/operations.md#tls)"
                    : "give the CA that signed the server's certificate as sslTruststore (a trust store URL, e.g. "
                    + "file:/etc/app/redis-ca.p12) and sslTruststorePassword in " + settings
                    + " (docs/operations.md#tls)";
            case TLS_FAILED -> settings.equals(IN_URI)
                    ? "make this JVM trust the server's certificate, or configure TLS in a Redisson YAML "
                    + "configuration, TaskGuard.builder().redissonConfig(file) (docs/operations.md#tls)"
                    : "check the TLS settings in " + settings + " against the server's (docs/operations.md#tls)";
            case NOT_REDIS -> "check the host and port in " + settings + ": they are another server's";
            case OTHER -> "check that the server runs and " + settings + " is right, or pass your own RedissonClient";
        };
    }

    /**
     * What to do after a run that Redis failed, for its {@code TaskError}: lower case, no full stop.
     * {@code null} for an outage (nothing answered), which the next call may not meet.
     *
     * @param settings where the connection settings are, as for {@link #fix(String)}
     */
    public String advice(String settings) {
        if (kind.configuration) {
            return "this is a configuration error, not an outage: every call fails the same way until you fix it: "
                    + fix(settings);
        }
        return switch (kind) {
            case OUT_OF_MEMORY, NOT_SERVING, READ_ONLY -> fix(settings) + ", the next call tries again";
            case ERROR_REPLY -> "this is an error Redis answered, not an outage: " + fix(settings);
            default -> null;
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

    /**
     * The message when a client built from a Redisson configuration cannot connect.
     *
     * @param source e.g. {@code Redisson configuration '/etc/app/redisson.yaml'}
     */
    public String cannotConnectWith(String source) {
        String fix = fix("the " + source);
        return "Cannot connect to Redis with the " + source + ": " + sentence(what()) + " "
                + Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".";
    }

    /** {@code text} with a full stop, unless it ends with a question or exclamation mark (Redis's answers may). */
    public static String sentence(String text) {
        return text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }
}
