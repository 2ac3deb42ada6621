package dev.guardedtask.examples;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The workers' meters (guardedtask-micrometer's {@code TaskMetrics} on every guard), one line each:
 * {@code guardedtask.runs{reason=none,status=success,task=task_odds} 3}. Sorted by name, then tags.
 */
final class MeterLines {

    private MeterLines() {
    }

    static void print(MeterRegistry registry, PrintStream out) {
        List<String> lines = lines(registry);
        out.printf("%nMeters (Micrometer, from guardedtask-micrometer's TaskMetrics on every worker's guard):%n");
        lines.forEach(line -> out.println("  " + line));
    }

    static List<String> lines(MeterRegistry registry) {
        return registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(MeterLines::tags))
                .map(m -> m.getId().getName() + tags(m) + " " + value(m)).toList();
    }

    private static String tags(Meter meter) {
        return meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Meter meter) {
        if (meter instanceof Counter counter) {
            return number(counter.count());
        }
        if (meter instanceof Timer timer) {
            return String.format(Locale.ROOT, "count=%d total=%s max=%s", timer.count(),
                    number(timer.totalTime(TimeUnit.SECONDS)) + "s", number(timer.max(TimeUnit.SECONDS)) + "s");
        }
        if (meter instanceof Gauge gauge) {
            return number(gauge.value());
        }
        return meter.getId().getType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code 3} for a whole number, {@code 0.125} otherwise (three decimals at most). */
    private static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
