package dev.guardedtask.console;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's security checks on a request, each a value: {@code null} if it passes, else the refusal.
 * Immutable, thread-safe.
 */
final class RequestCheck {

    /** What a refused request gets: HTTP status and a one-line message. */
    record Refusal(int status, String message) {
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final int port;
    private final String own;
    private final boolean anyIpLiteral;
    private final Set<String> hosts;
    private final byte[] tokenHash;
    private final boolean readOnly;

    RequestCheck(InetAddress bind, int port, String token, boolean readOnly) {
        this.port = port;
        this.readOnly = readOnly;
        this.tokenHash = sha256(token);
        this.anyIpLiteral = bind.isAnyLocalAddress();
        this.own = hostText(bind).toLowerCase(Locale.ROOT);
        Set<String> names = new HashSet<>(Set.of(own));
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            names.add("localhost");
        }
        if (!bind.isLoopbackAddress()) {
            names.add(localHostName());
        }
        this.hosts = Set.copyOf(names);
    }

    /** An address as a URL's host: {@code 127.0.0.1}, {@code [::1]}. */
    static String hostText(InetAddress address) {
        String literal = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + literal.replaceFirst("%.*", "") + "]" : literal;
    }

    /**
     * The {@code Host} header must name this console: its address (any IP address if it listens on every
     * interface), {@code localhost} if it listens on loopback, or this machine's name if not, with its port.
     * A DNS rebinding page reaches the console under the attacker's host name, which this refuses.
     */
    Refusal host(String header) {
        String expected = "open the console as http://" + own + ":" + port + "/";
        if (header == null || header.isBlank()) {
            return new Refusal(400, "The request has no Host header: " + expected);
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.endsWith("]") || !value.substring(colon + 1).equals(Integer.toString(port))) {
            return new Refusal(403, "Host '" + header + "' does not name this console's port " + port + ": "
                    + expected);
        }
        String name = value.substring(0, colon);
        if (hosts.contains(name) || anyIpLiteral && isIpLiteral(name)) {
            return null;
        }
        return new Refusal(403, "Host '" + header + "' is not this console's address (a page of another site may "
                + "be trying to reach it): " + expected);
    }

    /**
     * A write needs: not read-only; no {@code Origin}, or this console's own ({@code http://} and the checked
     * {@code host}); the token as {@code Authorization: Bearer TOKEN}.
     */
    Refusal write(String host, String origin, String authorization) {
        if (readOnly) {
            return new Refusal(403, "This console is read-only (--read-only): it makes no writes. Start it without "
                    + "--read-only to release, forget or complete.");
        }
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            return new Refusal(403, "Origin '" + origin + "' is not this console's (http://" + host + "): writes "
                    + "come only from the console's own page");
        }
        if (authorization == null || authorization.isBlank()) {
            return new Refusal(401, "This write needs the console's token (printed at start, or given with --token or "
                    + "$GUARDEDTASK_CONSOLE_TOKEN): paste it into the token field, or send it as 'Authorization: "
                    + "Bearer TOKEN'");
        }
        String prefix = "Bearer ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                || !MessageDigest.isEqual(tokenHash, sha256(authorization.substring(prefix.length()).trim()))) {
            return new Refusal(403, "Wrong token: use the one the console printed at start, or the one it was given "
                    + "(--token, $GUARDEDTASK_CONSOLE_TOKEN), as 'Authorization: Bearer TOKEN'");
        }
        return null;
    }

    private static boolean isIpLiteral(String name) {
        return IPV4.matcher(name).matches() || name.startsWith("[") && name.endsWith("]");
    }

    // Hashes compare in constant time whatever the lengths (MessageDigest.isEqual on equal-length arrays).
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
