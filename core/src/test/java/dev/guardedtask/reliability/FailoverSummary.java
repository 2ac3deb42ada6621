package dev.guardedtask.reliability;

import dev.guardedtask.reliability.FailoverLog.Body;
import dev.guardedtask.reliability.FailoverLog.Call;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The figures docs/operations.md reports for one failover run, counted from a {@link FailoverLog}: how long until
 * calls were answered again, the calls that failed and how, dates of the daily task run twice, overlapping bodies,
 * fencing tokens handed out twice or going backwards.
 * Times in ms from the kill.
 */
record FailoverSummary(String topology, long servedMillis, String firstAnsweredMillis, String lastFailedMillis,
                       int calls, Map<String, Long> outcomes, Map<String, Long> warnings, long longestOverheadMillis,
                       long boundMillis, int dates, int datesRunTwice, int datesRunTwiceBySweep, int recurringBodies,
                       int recurringOverlaps, int dailyOverlaps, int tokensTwice, int recurringTokensBackwards,
                       int checkedBodies, int unreadableLocks) {

    /**
     * @param killAt when the primary was killed ({@link FailoverLog#now()})
     * @param servedAt when the harness saw the topology serve again (a promoted replica, the restarted server)
     * @param sweep the worker name of the calls that ran every date once more after the failover
     */
    static FailoverSummary of(String topology, FailoverLog log, long killAt, long servedAt, String dailyTask,
                              String recurringTask, String sweep, long boundNanos) {
        List<Call> calls = log.calls();
        List<Body> bodies = log.bodies();
        List<Body> daily = bodies.stream().filter(b -> b.task().equals(dailyTask)).collect(Collectors.toList());
        Map<String, List<Body>> byDate = daily.stream().collect(Collectors.groupingBy(Body::date));
        List<List<Body>> twice = byDate.values().stream().filter(runs -> runs.size() > 1).collect(Collectors.toList());
        List<Body> recurring = bodies.stream().filter(b -> b.task().equals(recurringTask)).collect(Collectors.toList());
        return new FailoverSummary(topology, millis(servedAt - killAt),
                calls.stream().filter(c -> c.start() >= killAt && !c.failed()).mapToLong(Call::end).min()
                        .stream().mapToObj(end -> Long.toString(millis(end - killAt))).findFirst().orElse("never"),
                calls.stream().filter(Call::failed).mapToLong(Call::end).max()
                        .stream().mapToObj(end -> Long.toString(millis(end - killAt))).findFirst().orElse("none"),
                calls.size(), count(calls, Call::outcome),
                count(calls.stream().flatMap(c -> c.warnings().stream()).collect(Collectors.toList()), FailoverSummary::head),
                millis(calls.stream().mapToLong(Call::overhead).max().orElse(0)), millis(boundNanos),
                byDate.size(), twice.size(),
                (int) twice.stream().filter(runs -> runs.stream().anyMatch(b -> b.worker().equals(sweep))).count(),
                recurring.size(), overlaps(recurring),
                byDate.values().stream().mapToInt(FailoverSummary::overlaps).sum(),
                tokensTwice(daily) + tokensTwice(recurring), backwards(recurring),
                (int) bodies.stream().filter(Body::checked).count(), log.unreadableLocks());
    }

    /** Fencing tokens that more than one body of the task got (each counted once). */
    static int tokensTwice(List<Body> bodies) {
        return (int) bodies.stream().collect(Collectors.groupingBy(Body::token, Collectors.counting()))
                .values().stream().filter(n -> n > 1).count();
    }

    /**
     * Bodies that entered after a body with a greater token: for a task whose runs never overlap, a token that
     * went backwards.
     */
    static int backwards(List<Body> bodies) {
        long highest = 0;
        int backwards = 0;
        for (Body body : bodies.stream().sorted(Comparator.comparingLong(Body::enter)).collect(Collectors.toList())) {
            if (body.token() < highest) {
                backwards++;
            }
            highest = Math.max(highest, body.token());
        }
        return backwards;
    }

    /** Pairs of bodies that ran at the same time. */
    static int overlaps(List<Body> bodies) {
        List<Body> sorted = bodies.stream().sorted(Comparator.comparingLong(Body::enter)).collect(Collectors.toList());
        int pairs = 0;
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size() && sorted.get(j).enter() < sorted.get(i).exit(); j++) {
                pairs++;
            }
        }
        return pairs;
    }

    String line() {
        return String.format(Locale.ROOT, "failover (%s): served again %d ms after the kill (harness); first call started "
                        + "after the kill answered at +%s ms; last failed call ended at +%s ms; %d calls %s; warnings %s; "
                        + "longest call (body left out) %d ms, bound %d ms; daily: %d dates, %d run twice (%d found by the "
                        + "sweep), %d overlapping pairs; recurring: %d bodies, %d overlapping pairs; fencing tokens: %d handed "
                        + "out twice, %d went backwards (recurring); %d bodies' locks checked, %d unreadable", topology,
                servedMillis, firstAnsweredMillis, lastFailedMillis, calls, outcomes, warnings, longestOverheadMillis,
                boundMillis, dates, datesRunTwice, datesRunTwiceBySweep, dailyOverlaps, recurringBodies, recurringOverlaps,
                tokensTwice, recurringTokensBackwards, checkedBodies, unreadableLocks);
    }

    private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** A warning's kind: {@code lock_lost}, or the reason before the colon of {@code backend_unavailable: ...}. */
    private static String head(String warning) {
        int colon = warning.indexOf(':');
        return colon < 0 ? warning : warning.substring(0, colon);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
