package dev.guardedtask.examples;

import dev.guardedtask.TaskResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;

/**
 * What the workers' calls came to, computed from their real results (chain steps count as tick 0).
 *
 * @param date the date the workers' guards took as today when the run started, {@code YYYYMMDD}
 */
record Summary(Options options, String date, List<Outcome> outcomes, Workload workload) {

    static final String DAILY = "task_daily_report";
    static final String RECURRING = "task_odds";

    long runs(String task) {
        return outcomes.stream().filter(o -> o.task().equals(task) && o.ran()).count();
    }

    /** Calls of {@code task} whose body did not run, by reason ({@code already_completed}, {@code lock_held}, ...). */
    Map<String, Long> skips(String task) {
        return outcomes.stream().filter(o -> o.task().equals(task) && !o.ran())
                .collect(groupingBy(Outcome::reason, TreeMap::new, counting()));
    }

    /** Ran exactly once, or not at all because a run before this one had completed the date. */
    boolean dailyRanOnce() {
        Map<String, Long> skips = skips(DAILY);
        return runs(DAILY) == 1 || runs(DAILY) == 0 && skips.keySet().equals(Set.of(TaskResult.ALREADY_COMPLETED));
    }

    boolean recurringNeverOverlapped() {
        return workload.mostAtOnce(RECURRING) <= 1;
    }

    boolean passed() {
        return dailyRanOnce() && recurringNeverOverlapped();
    }

    void print(PrintStream out) {
        out.printf("%nSummary: %d workers x %d ticks, %d task calls, %d chain runs%n", options.workers(),
                options.ticks(), outcomes.stream().filter(o -> o.tick() > 0).count(),
                outcomes.stream().filter(o -> o.tick() == 0).map(Outcome::worker).distinct().count());
        for (String task : List.of(DAILY, RECURRING, ChainJobs.ANALYSIS, ChainJobs.INDEXING, ChainJobs.REPORT)) {
            out.printf("  %-18s  ran %3d   skipped %3d%s%n", task, runs(task),
                    skips(task).values().stream().mapToLong(Long::longValue).sum(), reasons(skips(task)));
        }
        out.printf("  check: daily task ran once ......................... %s%n", verdict(dailyRanOnce(),
                runs(DAILY) == 0 ? "(completed by an earlier run today)" : ""));
        out.printf("  check: recurring runs never overlapped (max %d at once) %s%n",
                workload.mostAtOnce(RECURRING), verdict(recurringNeverOverlapped(), ""));
        out.println();
        out.println(keysLeft());
    }

    /** {@code ": already_completed 9, lock_held 2"}, or nothing when no call was skipped. */
    private static String reasons(Map<String, Long> skips) {
        return skips.isEmpty() ? "" : skips.entrySet().stream().map(skip -> skip.getKey() + " " + skip.getValue())
                .collect(joining(", ", ": ", ""));
    }

    private String keysLeft() {
        if (options.redisUri() == null) {
            return "The embedded Redis stops now, and its keys go with it.";
        }
        return String.format("Left in Redis for 24 h: success keys such as %ssuccess:%s:%s.%n"
                + "A second run today finds the daily tasks already completed; another --key-prefix starts afresh.",
                options.keyPrefix(), DAILY, date);
    }

    private static String verdict(boolean ok, String note) {
        return (ok ? "OK" : "FAILED") + (note.isEmpty() ? "" : " " + note);
    }
}
