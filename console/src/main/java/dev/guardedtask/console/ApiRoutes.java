package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.console.ConsoleHandler.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON API, on a {@link TaskOperator}:
 * <pre>
 * GET  /api/console                                  {now, read_only}
 * GET  /api/tasks                                    {now, tasks: [...]}
 * GET  /api/tasks/TASK/runs?key=K&amp;date=D&amp;status=S&amp;limit=N  {now, task, runs: [...]}, newest first
 * GET  /api/locks                                    {now, locks: [...]}
 * POST /api/tasks/TASK/dates/D/release[?key=K][&amp;force=true]  {outcome, message}
 * POST /api/tasks/TASK/dates/D/forget[?key=K]        {outcome, message}
 * POST /api/tasks/TASK/dates/D/complete[?key=K]      {outcome, message}
 * </pre>
 * {@code key} names a keyed run's lock or success key ({@code @TaskKey}); without it (or empty), the unkeyed one;
 * for runs, without it every entry, keyed or not.
 * Tasks, runs and locks are the CLI's {@code --json} objects ({@link JsonView}); {@code now} is the console's
 * clock, for "ago" and "running for". Errors are {@code {error}} with one line: 400 for a bad value (the
 * operator's message, naming it), 404 for another path, 409 for a release refused as live, 503 when Redis
 * cannot be reached or refuses. Thread-safe.
 */
final class ApiRoutes {

    /**
     * Who makes a write, as the page's user typed it, percent-encoded (UTF-8); recorded in the history
     * ({@link TaskOperator#as}). Without it, the operator's default ({@code user@host} of the console's process).
     */
    static final String OPERATOR_HEADER = "X-Guardedtask-Operator";

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    private static final String PATHS = "the API has GET /api/console, /api/tasks, /api/tasks/TASK/runs, /api/locks "
            + "and POST /api/tasks/TASK/dates/YYYYMMDD/release, /forget, /complete";

    private final TaskOperator operator;
    private final Clock clock;
    private final boolean readOnly;

    ApiRoutes(TaskOperator operator, Clock clock, boolean readOnly) {
        this.operator = operator;
        this.clock = clock;
        this.readOnly = readOnly;
    }

    Reply read(String path, String query) {
        return guarded(() -> {
            List<String> parts = segments(path);
            if (parts.size() == 4 && parts.get(1).equals("tasks") && parts.get(3).equals("runs")) {
                return runs(parts.get(2), query(query));
            }
            return switch (parts.size() == 2 ? parts.get(1) : "") {
                case "console" -> Reply.json(200, Json.object("now", now(), "read_only", readOnly));
                case "tasks" -> Reply.json(200, Json.object("now", now(), "tasks",
                        operator.tasks().stream().map(JsonView::task).toList()));
                case "locks" -> Reply.json(200, Json.object("now", now(), "locks",
                        operator.locks().stream().map(JsonView::lock).toList()));
                default -> notFound(path);
            };
        });
    }

    Reply write(String path, String query, String who) {
        return guarded(() -> {
            List<String> parts = segments(path);
            if (parts.size() != 6 || !parts.get(1).equals("tasks") || !parts.get(3).equals("dates")) {
                return notFound(path);
            }
            String task = parts.get(2);
            String date = parts.get(4);
            Map<String, String> values = query(query);
            String key = key(values);
            TaskOperator by = who == null || who.isBlank() ? operator : operator.as(decode(who).trim());
            String named = "Task '" + task + "'" + (key == null ? "" : " key '" + key + "'");
            return switch (parts.get(5)) {
                case "release" -> release(by, task, key, date, "true".equals(values.get("force")));
                case "forget" -> by.forget(task, key, date)
                        ? outcome("forgotten", named + " is no longer completed for " + date
                        + ": its next call for that date runs it.")
                        : outcome("not_completed", named + " was not completed for " + date
                        + ": its next call for that date runs it anyway.");
                case "complete" -> {
                    by.complete(task, key, date);
                    yield outcome("completed", named + " is completed for " + date
                            + ": a daily task's calls for that date skip with already_completed (a recurring task reads no success key).");
                }
                default -> notFound(path);
            };
        });
    }

    private static Reply release(TaskOperator by, String task, String key, String date, boolean force) {
        String named = "task '" + task + "'" + (key == null ? "" : " key '" + key + "'");
        return switch (by.release(task, key, date, force)) {
            case RELEASED -> outcome("released", "Released the lock of " + named + " for " + date + ".");
            case NOT_HELD -> outcome("not_held", "No lock of " + named + " is held for " + date
                    + ": nothing was written.");
            case LIVE -> Reply.json(409, Json.object("outcome", "live", "error", "The lock of " + named + " for "
                    + date + " looks alive (its holder renewed it within the last half of its lock timeout, or its "
                    + "age is unknown): nothing was written. Release it with force if its worker is gone."));
        };
    }

    private Reply runs(String task, Map<String, String> query) {
        TaskStatus status = status(query.get("status"));
        int limit = limit(query.get("limit"));
        String date = query.get("date") == null || query.get("date").isEmpty() ? null : query.get("date");
        return Reply.json(200, Json.object("now", now(), "task", task, "runs",
                operator.runs(task, key(query), date, status, limit).stream().map(JsonView::run).toList()));
    }

    /** The {@code key} parameter: absent or empty is none (the unkeyed lock or success key; every entry). */
    private static String key(Map<String, String> query) {
        String key = query.get("key");
        return key == null || key.isEmpty() ? null : key;
    }

    private static TaskStatus status(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "success" -> TaskStatus.SUCCESS;
            case "failed" -> TaskStatus.FAILED;
            default -> throw new IllegalArgumentException("status '" + text + "' is not success or failed: leave it "
                    + "out for every entry");
        };
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new IllegalArgumentException("limit '" + text + "' is not a whole number from 1 to " + MAX_LIMIT
                + " (default " + DEFAULT_LIMIT + ")");
    }

    private String now() {
        return clock.instant().toString();
    }

    private static Reply outcome(String outcome, String message) {
        return Reply.json(200, JsonView.outcome(outcome, message));
    }

    private static Reply notFound(String path) {
        return Reply.error(404, "No API path '" + path + "': " + PATHS);
    }

    /** Runs a call: a bad value is a 400 with its message, Redis failing a 503 with the operator's. */
    private static Reply guarded(Supplier<Reply> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            return Reply.error(400, Json.firstLine(e.getMessage()));
        } catch (IllegalStateException e) { // the operator's word for Redis unreachable or refusing
            log.warn("Console: {}", Json.firstLine(e.getMessage()));
            return Reply.error(503, Json.firstLine(e.getMessage()));
        }
    }

    /** The path's segments, each percent-decoded: {@code /api/tasks/x/runs} is [api, tasks, x, runs]. */
    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.substring(1).split("/", -1)).map(ApiRoutes::decode).toList();
    }

    /** The query's parameters, decoded; a parameter given twice is refused (which would it mean?). */
    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                if (values.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1))) != null) {
                    throw new IllegalArgumentException("the query gives '" + name + "' more than once: give it once");
                }
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
