package dev.guardedtask.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every request: the security headers, the size limits, the {@code Host} check, then the page's three
 * files or the API ({@link ApiRoutes}); a write passes {@link RequestCheck#write} first.
 */
final class ConsoleHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsoleHandler.class);

    /** Longest request target taken; the API's are far shorter. */
    static final int MAX_TARGET = 2_048;
    /** Largest request body taken; the API's writes have none. */
    static final int MAX_BODY = 1_024;

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.js", "console.js",
            "/console.css", "console.css");

    private final RequestCheck check;
    private final ApiRoutes api;

    ConsoleHandler(RequestCheck check, ApiRoutes api) {
        this.check = check;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders(exchange.getResponseHeaders());
            Reply reply;
            try {
                reply = serve(exchange);
            } catch (RuntimeException e) {
                log.warn("Console: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        e);
                reply = Reply.error(500, "The console failed: " + Json.oneLine(e) + " (its log has the details)");
            }
            send(exchange, reply);
        } catch (IOException e) {
            log.debug("Console: the client went away: {}", e.toString());
        }
    }

    private Reply serve(HttpExchange exchange) throws IOException {
        Reply refused = refused(exchange);
        if (refused != null) {
            return refused;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (method.equals("GET")) {
            return FILES.containsKey(path) ? Reply.resource(FILES.get(path))
                    : path.startsWith("/api/") ? api.read(path, query)
                    : Reply.error(404, "No page '" + path + "' here: the console is at /");
        }
        if (!method.equals("POST")) {
            return Reply.error(405, "Method " + method + " is not served: the API reads with GET and writes with "
                    + "POST");
        }
        Headers headers = exchange.getRequestHeaders();
        RequestCheck.Refusal write = check.write(headers.getFirst("Host").trim(), headers.getFirst("Origin"),
                headers.getFirst("Authorization"));
        return write != null ? Reply.error(write.status(), write.message())
                : api.write(path, query, headers.getFirst(ApiRoutes.OPERATOR_HEADER));
    }

    /** What every request must pass: the target's length, the {@code Host} check, the body's size. */
    private Reply refused(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().toString().length() > MAX_TARGET) {
            return Reply.error(414, "The request target is longer than " + MAX_TARGET + " characters");
        }
        RequestCheck.Refusal host = check.host(exchange.getRequestHeaders().getFirst("Host"));
        if (host != null) {
            return Reply.error(host.status(), host.message());
        }
        if (!readBody(exchange.getRequestBody())) {
            return Reply.error(413, "The request body is over " + MAX_BODY + " bytes: the console's requests need "
                    + "none");
        }
        return null;
    }

    /** Reads and drops the body; {@code false} if it is over {@link #MAX_BODY}. */
    private static boolean readBody(InputStream body) throws IOException {
        return body.readNBytes(MAX_BODY + 1).length <= MAX_BODY;
    }

    private static void securityHeaders(Headers headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body();
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        if (reply.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            exchange.getResponseBody().write(body);
        }
    }

    /** A response: status, content type and body. */
    record Reply(int status, String contentType, byte[] body) {

        static final String JSON = "application/json; charset=utf-8";

        static Reply json(int status, Object value) {
            return new Reply(status, JSON, Json.write(value));
        }

        static Reply error(int status, String message) {
            return json(status, Map.of("error", message));
        }

        static Reply resource(String name) throws IOException {
            try (InputStream in = ConsoleHandler.class.getResourceAsStream("web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("The console's " + name + " is missing from its jar");
                }
                return new Reply(200, contentType(name), in.readAllBytes());
            }
        }

        private static String contentType(String name) {
            String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
            return type + "; charset=" + StandardCharsets.UTF_8.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
