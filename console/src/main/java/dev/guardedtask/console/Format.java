package dev.guardedtask.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How times and durations read in tables: UTC ISO-8601 to the second, "12s ago", "4m 05s". */
final class Format {

    static final String NONE = "-";

    private Format() {
    }

    /** {@code 2026-11-28T10:15:30Z}, or {@link #NONE}. */
    static String utc(Instant time) {
        return time == null ? NONE : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 12s ago} (or {@code in 3s} for a time ahead of {@code clock}, a skewed worker's), or {@link #NONE}. */
    static String ago(Instant time, Clock clock) {
        if (time == null) {
            return NONE;
        }
        Duration since = Duration.between(time, clock.instant());
        return since.isNegative() ? "in " + human(since.negated()) : human(since) + " ago";
    }

    /**
     * {@code 850ms}, {@code 12s}, {@code 4m 05s}, {@code 2h 03m}, {@code 3d 04h}, or {@link #NONE}; a negative
     * duration (a worker's clock ahead of this one) reads as {@code 0ms}.
     */
    static String human(Duration duration) {
        if (duration == null) {
            return NONE;
        }
        if (duration.isNegative()) {
            return "0ms";
        }
        long millis = duration.toMillis();
        long seconds = duration.toSeconds();
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3_600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format("%dh %02dm", seconds / 3_600, seconds % 3_600 / 60);
        }
        return String.format("%dd %02dh", seconds / 86_400, seconds % 86_400 / 3_600);
    }
}
