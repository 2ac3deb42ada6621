package dev.guardedtask.internal;

import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskStatus;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a task's history stream read back as a {@link Run} (fields: docs/protocol.md, "History"):
 * {@code error.N} and {@code warning.N} in the order of N, {@code count.NAME} in the stream's field order,
 * epoch milliseconds as instants. Tolerant: a field missing or not a number reads as absent (0, {@code null}),
 * an unknown {@code kind} as {@code null}, so that an entry some other writer added never breaks a listing.
 */
final class HistoryEntry {

    private HistoryEntry() {
    }

    /** The entry, or {@code null} if its {@code kind} is none of {@link Action}'s. */
    static Run read(String task, String id, Map<String, String> fields) {
        Action action = action(fields.get("kind"));
        if (action == null) {
            return null;
        }
        boolean run = action == Action.RUN;
        return new Run(id, action, task, fields.get("key"), fields.get("date"), fields.get("task_id"),
                run ? status(fields.get("status")) : null,
                fields.get("reason"), numbered(fields, "error."), numbered(fields, "warning."), counters(fields),
                run ? instant(fields.get("started")) : null, instant(fields.get(run ? "ended" : "at")),
                number(fields.get("fencing_token")), fields.get("worker"), fields.get("by"),
                "lost".equals(fields.get("lock")), "true".equals(fields.get("forced")));
    }

    private static Action action(String kind) {
        for (Action action : Action.values()) {
            if (action.name().toLowerCase(Locale.ROOT).equals(kind)) {
                return action;
            }
        }
        return null;
    }

    private static TaskStatus status(String status) {
        return "success".equals(status) ? TaskStatus.SUCCESS : "failed".equals(status) ? TaskStatus.FAILED : null;
    }

    private static List<String> numbered(Map<String, String> fields, String prefix) {
        Map<Long, String> byNumber = new TreeMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                long number = number(name.substring(prefix.length()));
                if (number > 0) {
                    byNumber.put(number, value);
                }
            }
        });
        return byNumber.isEmpty() ? List.of() : List.copyOf(byNumber.values());
    }

    private static Map<String, Long> counters(Map<String, String> fields) {
        Map<String, Long> counters = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("count.") && name.length() > "count.".length()) {
                counters.put(name.substring("count.".length()), number(value));
            }
        });
        return counters.isEmpty() ? Map.of() : Collections.unmodifiableMap(counters);
    }

    private static Instant instant(String millis) {
        Long value = parsed(millis);
        return value == null ? null : Instant.ofEpochMilli(value);
    }

    /** {@code text} as a number: 0 if absent or not one (a key set by hand). */
    static long number(String text) {
        Long value = parsed(text);
        return value == null ? 0 : value;
    }

    private static Long parsed(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
