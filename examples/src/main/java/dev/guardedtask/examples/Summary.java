package dev.guardedtask.examples;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;

/**
 * What the workers' calls came to, computed from their real results (chain steps count as tick 0).
 *
 * @param date the date the workers' guards took as today when the run started, {@code YYYYMMDD}
 * @param keyScheme how the workers' guards named their keys (cluster keys from a cluster's Redisson configuration)
 * @param meters the workers' meters, printed last
 */
record Summary(Options options, String date, List<Outcome> outcomes, Workload workload, KeyScheme keyScheme,
               MeterRegistry meters) {

    static final String DAILY = "task_daily_report";
    static final String RECURRING = "task_odds";

    private static final String OK = "OK";
    /** Where a check's verdict starts: the labels' dots end one column before. */
    private static final int VERDICT_COLUMN = 55;

    /** Calls of {@code task} whose body ran: it succeeded, or failed for a reason of its own. */
    long runs(String task) {
        return calls(task).filter(Outcome::ran).count();
    }

    long count(String task, TaskStatus status) {
        return calls(task).filter(o -> o.status() == status).count();
    }

    /** Calls of {@code task} that were skipped, by reason ({@code already_completed}, {@code lock_held}, ...). */
    Map<String, Long> skips(String task) {
        return reasons(task, TaskStatus.SKIPPED);
    }

    /** Calls of {@code task} that failed, by reason ({@code backend_unavailable}, {@code exception}, ...). */
    Map<String, Long> failures(String task) {
        return reasons(task, TaskStatus.FAILED);
    }

    /** Completed exactly once, or not at all because a run before this one had completed the date. */
    boolean dailyRanOnce() {
        return dailyVerdict().startsWith(OK);
    }

    boolean recurringNeverOverlapped() {
        return recurringVerdict().startsWith(OK);
    }

    /** No call, chain step or tick, failed because Redis did not answer it or refused it. */
    boolean redisServedEveryCall() {
        return redisVerdict().startsWith(OK);
    }

    boolean passed() {
        return dailyRanOnce() && recurringNeverOverlapped() && redisServedEveryCall();
    }

    void print(PrintStream out) {
        long chains = outcomes.stream().filter(o -> o.tick() == 0).map(Outcome::worker).distinct().count();
        out.printf("%nSummary: %s x %s, %s, %s%n", count(options.workers(), "worker"), count(options.ticks(), "tick"),
                count(outcomes.stream().filter(o -> o.tick() > 0).count(), "task call"), count(chains, "chain run"));
        for (String task : List.of(DAILY, RECURRING, ChainJobs.ANALYSIS, ChainJobs.INDEXING, ChainJobs.REPORT)) {
            out.println(String.format("  %-18s  succeeded %3d   skipped %3d   failed %3d   %s", task,
                    count(task, TaskStatus.SUCCESS), count(task, TaskStatus.SKIPPED), count(task, TaskStatus.FAILED),
                    listed(skips(task), failures(task))).stripTrailing());
        }
        out.println(check("daily task ran once", dailyVerdict()));
        out.println(check("recurring runs never overlapped (max " + workload.mostAtOnce(RECURRING) + " at once)",
                recurringVerdict()));
        out.println(check("Redis served every call", redisVerdict()));
        keysLeft().ifPresent(keys -> out.printf("%n%s%n", keys));
        MeterLines.print(meters, out);
    }

    /** {@code "1 tick"}, {@code "4 ticks"}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Stream<Outcome> calls(String task) {
        return outcomes.stream().filter(o -> o.task().equals(task));
    }

    private Map<String, Long> reasons(String task, TaskStatus status) {
        return calls(task).filter(o -> o.status() == status)
                .collect(groupingBy(Outcome::reason, TreeMap::new, counting()));
    }

    private String dailyVerdict() {
        long completed = count(DAILY, TaskStatus.SUCCESS);
        if (completed == 1) {
            return OK;
        }
        if (completed > 1) {
            return "FAILED (it completed " + completed + " times)";
        }
        boolean earlier = calls(DAILY).allMatch(o -> TaskResult.ALREADY_COMPLETED.equals(o.reason()));
        return earlier ? OK + " (completed by an earlier run today)" : notShown(DAILY);
    }

    private String recurringVerdict() {
        if (workload.mostAtOnce(RECURRING) > 1) {
            return "FAILED";
        }
        return runs(RECURRING) == 0 ? notShown(RECURRING) : OK;
    }

    private String redisVerdict() {
        TreeMap<String, Long> why = outcomes.stream().filter(Outcome::notServed)
                .collect(groupingBy(Outcome::reason, TreeMap::new, counting()));
        long notServed = why.values().stream().mapToLong(Long::longValue).sum();
        return notServed == 0 ? OK : "FAILED (" + count(notServed, "call") + " failed "
                + (why.size() == 1 ? why.firstKey() : listed(why)) + ": see their lines above)";
    }

    /** A check this run could not make: the task's body never ran, for these reasons. */
    private String notShown(String task) {
        Map<String, Long> why = calls(task).filter(o -> o.reason() != null)
                .collect(groupingBy(Outcome::reason, TreeMap::new, counting()));
        return "NOT SHOWN (it never ran: " + listed(why) + ")";
    }

    /** {@code "already_completed 9, lock_held 2"}: each reason and how many calls had it. */
    @SafeVarargs
    private static String listed(Map<String, Long>... reasons) {
        return Stream.of(reasons).flatMap(counts -> counts.entrySet().stream())
                .map(reason -> reason.getKey() + " " + reason.getValue()).collect(joining(", "));
    }

    private static String check(String label, String verdict) {
        String start = "  check: " + label;
        int dots = VERDICT_COLUMN - 2 - start.length();
        return start + (dots > 0 ? " " + ".".repeat(dots) : "") + " " + verdict;
    }

    /**
     * What the run leaves in Redis: nothing on the embedded one; on another, success keys if it wrote any, and
     * always each task's history, counts and fencing counter (the guards' defaults: history for 30 days).
     */
    private Optional<String> keysLeft() {
        if (options.embedded()) {
            return Optional.of(options.consolePort() == null ? "The embedded Redis stops now, and its keys go with it."
                    : "The embedded Redis stops with the console, and its keys go with it.");
        }
        String prefix = options.keyPrefix();
        String task = keyScheme == KeyScheme.CLUSTER ? "{<task>}" : "<task>";
        String history = String.format("Left for 30 days after each task's last run: its history and counts "
                + "(%shistory:%s, %sstats:%s; guardedtask tasks --key-prefix %s reads them); for good: its fencing "
                + "counter (%sfence:%s).", prefix, task, prefix, task, prefix, prefix, task);
        return Optional.of(Stream.of(DAILY, ChainJobs.ANALYSIS, ChainJobs.INDEXING, ChainJobs.REPORT)
                .filter(done -> count(done, TaskStatus.SUCCESS) > 0).findFirst()
                .map(done -> String.format("Left in Redis for 24 h: success keys such as %ssuccess:%s:%s.%n%s%n"
                        + "A second run today finds those tasks already completed; another --key-prefix starts "
                        + "afresh.", prefix, keyScheme == KeyScheme.CLUSTER ? "{" + done + "}" : done, date, history))
                .orElse(history));
    }
}
