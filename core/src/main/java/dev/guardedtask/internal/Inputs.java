package dev.guardedtask.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks of what users pass in; each failure names the task, the value and the expected form. */
public final class Inputs {

    /** How a task name (or chain step id) must look, for messages. */
    public static final String TASK_NAME_FORM = "use 1 to 200 characters from [A-Za-z0-9_.-], e.g. 'task_daily_report'";

    private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    /**
     * The longest lock timeout or success TTL: 3650 days. Redis refuses an expiry whose end in ms does not
     * fit in a {@code long} ({@code ERR invalid expire time}), and {@code Duration.toMillis()} throws
     * beyond {@code Long.MAX_VALUE} ms; ten years is far below both and far above any useful timeout.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);

    private static final Duration ONE_MILLI = Duration.ofMillis(1);
    private static final String MAX_SHOWN = "3650 days (P3650D)";

    private Inputs() {
    }

    public static String taskName(String name) {
        if (!isTaskName(name)) {
            throw new IllegalArgumentException(String.format(
                    "Task name %s is invalid: %s.", quote(name), TASK_NAME_FORM));
        }
        return name;
    }

    /** Checks a {@code YYYYMMDD} date given by a caller ({@code null} is handled before, as today). */
    public static String date(String task, String date) {
        return checkDate("Task '" + task + "'", date);
    }

    /**
     * A {@code LocalDate} given by a caller, as {@code YYYYMMDD} ({@code null} is handled before, as today).
     * Years 0000 to 9999 only: others have no eight-digit form.
     */
    public static String date(String task, LocalDate date) {
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw new IllegalArgumentException(String.format(
                    "Task '%s': date %s has no YYYYMMDD form; pass a date in the years 0000 to 9999.", task, date));
        }
        return yyyymmdd(date);
    }

    /** {@code day} as {@code YYYYMMDD}, for a year from 0000 to 9999. On the path of every run: no formatter. */
    public static String yyyymmdd(LocalDate day) {
        String digits = Integer.toString(day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth());
        return digits.length() == 8 ? digits : "0".repeat(8 - digits.length()) + digits;
    }

    /** Checks a {@code YYYYMMDD} date; {@code owner} starts the message, e.g. {@code "TaskChain"}. */
    public static String checkDate(String owner, String date) {
        return checkDate(owner, date, "pass null for today");
    }

    /** As {@link #checkDate(String, String)}, {@code orElse} ending the message for a malformed date. */
    public static String checkDate(String owner, String date, String orElse) {
        if (date == null || !isEightDigits(date)) {
            throw new IllegalArgumentException(String.format(
                    "%s: date %s is not YYYYMMDD (example: 20260301); %s.", owner, quote(date), orElse));
        }
        try { // on the path of every run: no formatter, no regex
            LocalDate.of(Integer.parseInt(date, 0, 4, 10), Integer.parseInt(date, 4, 6, 10),
                    Integer.parseInt(date, 6, 8, 10));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(String.format(
                    "%s: date '%s' is not a real calendar date (YYYYMMDD, example: 20260301).", owner, date), e);
        }
        return date;
    }

    private static boolean isEightDigits(String date) {
        if (date.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (date.charAt(i) < '0' || date.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a valid task name (or chain step id): {@code [A-Za-z0-9_.-]{1,200}}. */
    public static boolean isTaskName(String name) {
        return name != null && TASK_NAME.matcher(name).matches();
    }

    /** The message of an invalid task key: {@code String.format} it with the task and the quoted key. */
    private static final String INVALID_TASK_KEY = "Task '%s': key %s is invalid: use 1 to 200 characters from "
            + "[A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id or a hash) before "
            + "passing them.";

    /**
     * Checks the key of a run of {@code task} ({@link dev.guardedtask.TaskKey}): the form of a task name, so that
     * it holds none of {@code # : { }} and the keys built from it are unambiguous ({@code docs/protocol.md}, "Keys").
     *
     * @throws IllegalArgumentException naming the task and the value, for {@code null} or another form
     */
    public static String taskKey(String task, String key) {
        if (!isTaskName(key)) {
            throw new IllegalArgumentException(String.format(INVALID_TASK_KEY, task, quote(key)));
        }
        return key;
    }

    /**
     * Checks a key prefix: empty, or ending with a separator (not a letter or digit), so that the keys
     * match the ACL patterns {@code ~prefix:lock:*} of docs/operations.md; no white space or control characters.
     */
    public static String keyPrefix(String prefix) {
        if (prefix.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("TaskGuard: key prefix '" + prefix
                    + "' contains white space or control characters; use e.g. 'billing:'.");
        }
        if (!prefix.isEmpty() && Character.isLetterOrDigit(prefix.codePointBefore(prefix.length()))) {
            throw new IllegalArgumentException(String.format("TaskGuard: key prefix '%s' must end with a separator "
                    + "such as ':', or keys read '%slock:...'; use e.g. '%s:'.", prefix, prefix, prefix));
        }
        return prefix;
    }

    /**
     * Checks a key prefix for {@link dev.guardedtask.KeyScheme#CLUSTER}: Redis Cluster hashes the first
     * {@code {...}} of a key name, so a {@code {} the prefix opens and does not close (or closes at once)
     * would move the tag off the task and put the keys of one run in different slots. A closed tag, e.g.
     * {@code {billing}:}, is fine: it puts every key of the guard in one slot.
     *
     * @throws IllegalStateException for such a prefix
     */
    public static void clusterKeyPrefix(String prefix) {
        int open = prefix.indexOf('{');
        int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
        if (open >= 0 && close <= open + 1) {
            throw new IllegalStateException(String.format("TaskGuard: key prefix '%s' opens a Redis Cluster hash "
                    + "tag '{' that it does not close with a name; with KeyScheme.CLUSTER the keys of one run would "
                    + "hash to different slots. Use a prefix without braces, e.g. '%s'.", prefix,
                    prefix.replace("{", "").replace("}", "")));
        }
    }

    /**
     * Checks a name people read, such as a worker's or an operator's: 1 to 200 characters, not blank, no
     * control characters (it goes into log lines and terminals as it is).
     *
     * @param call what was called, for the message, e.g. {@code "TaskGuard.builder().workerName"}
     */
    public static String label(String call, String name) {
        if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(String.format("%s(%s): use 1 to 200 characters, not blank, without "
                    + "control characters, e.g. 'reports-1'.", call, name == null ? "null" : "\"" + name + "\""));
        }
        return name;
    }

    /** Checks a duration of a task ({@code task} may be null for a guard default): 1 ms to {@link #MAX_DURATION}. */
    public static Duration duration(String task, String what, Duration value) {
        return duration(task, what, value, String.valueOf(value));
    }

    private static Duration duration(String task, String what, Duration value, String shown) {
        // compareTo, not toMillis(), which throws ArithmeticException for durations over 292 million years
        if (value == null || value.compareTo(ONE_MILLI) < 0) {
            throw new IllegalArgumentException(String.format(
                    "%s%s %s must be at least 1 ms, e.g. %s.", owner(task), what, value, example(what)));
        }
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(String.format(
                    "%s%s %s must be at most %s, e.g. %s.", owner(task), what, shown, MAX_SHOWN, example(what)));
        }
        return value;
    }

    /** Parses an ISO-8601 duration from an annotation; {@code ""} gives {@code null} (the guard's default). */
    public static Duration duration(String task, String what, String iso) {
        if (iso.isEmpty()) {
            return null;
        }
        Duration value;
        try {
            value = Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(String.format(isOverflow(e)
                    ? "%s%s '%s' is out of range: write 1 ms to " + MAX_SHOWN + ", e.g. %s."
                    : "%s%s '%s' is not an ISO-8601 duration: write e.g. %s, or \"\" for the guard's default.",
                    owner(task), what, iso, example(what)), e);
        }
        return duration(task, what, value, "'" + iso + "'");
    }

    /** Well-formed, but a number or the total does not fit in a {@code long} (e.g. {@code PT9223372036854775808S}). */
    private static boolean isOverflow(DateTimeParseException e) {
        return e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException;
    }

    private static String owner(String task) {
        return task == null ? "TaskGuard: " : "Task '" + task + "': ";
    }

    private static String example(String what) {
        return what.startsWith("lock") ? "PT5M (5 minutes)" : "P1D (1 day)";
    }

    /** {@code value} in quotes, control characters escaped ({@code \n}, {@code \u0007}), so a message shows them. */
    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        value.chars().forEach(c -> quoted.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                : Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return quoted.append('\'').toString();
    }
}
