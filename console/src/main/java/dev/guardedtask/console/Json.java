package dev.guardedtask.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The console's JSON: one shared Jackson mapper (thread-safe once configured). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A JSON object with these keys and values, in this order: {@code object("now", now, "tasks", tasks)}. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    /** {@code value} as indented JSON text, for the command line's {@code --json}. */
    static String writeIndented(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The JSON view of " + value.getClass().getSimpleName()
                    + " cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The console's JSON view of " + value.getClass().getSimpleName()
                    + " cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /** An exception as one line: its class and the first line of its message. */
    static String oneLine(Throwable e) {
        String message = firstLine(e.getMessage());
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The first line of {@code text}; "" for null. */
    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
