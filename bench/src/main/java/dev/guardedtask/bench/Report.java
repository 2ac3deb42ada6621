package dev.guardedtask.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one bench run measured, printed as Markdown tables (pasted as is into docs/performance.md): one
 * throughput table per thread count, the server's commands per guarded run, scale, contention, JMH.
 */
record Report(BenchOptions options, List<Throughput.Row> rows, List<Throughput.Breakdown> breakdowns,
              List<ScaleRun.Level> scale, List<ContentionRun.Outcome> contention, Map<String, double[]> jmh) {

    /** The commands that run scripts: their µs include the commands inside. */
    private static final List<String> SCRIPTS = List.of("evalsha", "eval");

    Optional<Throughput.Row> row(String id) {
        return rows.stream().filter(r -> r.contender().id().equals(id)).findFirst();
    }

    void print(PrintStream out) {
        printThroughput(out);
        printBreakdown(out);
        printScale(out);
        printContention(out);
        printJmh(out);
    }

    private void printThroughput(PrintStream out) {
        out.printf("%nThroughput: median of %d rounds of %.1f s after %d warm-up rounds, each round every row at "
                + "every thread count; each call on a fresh task/date. p50/p99 µs: latency of one call, the median "
                + "over the rounds of each round's percentile. Client CPU µs/op: this JVM's CPU time per call; "
                + "server CPU µs/op: redis-server's (INFO cpu: used_cpu_user + used_cpu_sys) per call; both "
                + "share the machine's cores, so their sum bounds the throughput.%n",
                options.rounds(), options.seconds(), options.warmupRounds());
        for (int threads : options.threads()) {
            printThroughput(out, threads);
        }
        if (row("b").isPresent() && row("c").isPresent()) {
            Throughput.Row b = row("b").get();
            Throughput.Row c = row("c").get();
            out.printf("%n(b)/(c): %s%n", String.join(", ", options.threads().stream()
                    .map(t -> String.format("%.2f at %s", b.at(t).opsPerSecond() / c.at(t).opsPerSecond(), threads(t)))
                    .toList()));
        }
    }

    private void printThroughput(PrintStream out, int threads) {
        out.printf("%nThroughput, %s:%n%n", threads(threads));
        out.println("| | operation | ops/s | ×(a) | ×(d) | p50 µs | p99 µs | client CPU µs/op | server CPU µs/op "
                + "| client+server µs/op |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Optional<Throughput.Cell> a = row("a").map(r -> r.at(threads));
        Optional<Throughput.Cell> d = row("d").map(r -> r.at(threads));
        for (Throughput.Row r : rows) {
            Throughput.Cell cell = r.at(threads);
            out.printf("| %s | %s | %,.0f | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", r.contender().id(),
                    r.contender().label(), cell.opsPerSecond(), ratio(cell, a), ratio(cell, d), cell.p50Micros(),
                    cell.p99Micros(), cell.clientCpuMicros(), cell.serverCpuMicros(), cell.totalCpuMicros());
        }
    }

    /** {@code cell}'s ops/s over {@code base}'s, or "-" for a row not run ({@code --only}). */
    private static String ratio(Throughput.Cell cell, Optional<Throughput.Cell> base) {
        return base.map(b -> String.format("%.2f", cell.opsPerSecond() / b.opsPerSecond())).orElse("-");
    }

    private static String threads(int threads) {
        return threads == 1 ? "1 thread" : threads + " threads";
    }

    private void printBreakdown(PrintStream out) {
        if (breakdowns.isEmpty()) {
            return;
        }
        List<String> commands = commands();
        out.printf("%nServer commands per guarded run, %s (INFO commandstats over the measured rounds): calls per "
                + "run × µs per call. A script's µs include the commands it runs, which are counted in their own "
                + "columns too; server CPU µs/op (from the table above) adds what is not in any command: reading "
                + "requests, writing replies.%n%n", threads(breakdowns.get(0).threads()));
        out.println("| | runs | " + String.join(" | ", commands) + " | scripts µs/run | server CPU µs/op |");
        out.println("|---|---:|" + "---:|".repeat(commands.size()) + "---:|---:|");
        for (Throughput.Breakdown b : breakdowns) {
            StringBuilder line = new StringBuilder(String.format("| %s | %,d |", b.contender().id(), b.runs()));
            for (String command : commands) {
                line.append(b.commands().containsKey(command)
                        ? String.format(" %.2f × %.1f |", b.callsPerRun(command), b.microsPerCall(command)) : " - |");
            }
            double scripts = SCRIPTS.stream().filter(b.commands()::containsKey)
                    .mapToDouble(s -> (double) b.commands().get(s).micros() / b.runs()).sum();
            line.append(String.format(" %.1f | %.0f |", scripts,
                    row(b.contender().id()).orElseThrow().at(b.threads()).serverCpuMicros()));
            out.println(line);
        }
    }

    /** Every command of the breakdowns: the scripts first, then by name. */
    private List<String> commands() {
        Set<String> names = new TreeSet<>();
        breakdowns.forEach(b -> names.addAll(b.commands().keySet()));
        List<String> ordered = new ArrayList<>(SCRIPTS.stream().filter(names::contains).toList());
        names.stream().filter(n -> !SCRIPTS.contains(n)).forEach(ordered::add);
        return ordered;
    }

    private void printScale(PrintStream out) {
        out.printf("%nScale: (b) daily, single-thread, %,d runs per level%n%n", options.scaleRuns());
        out.println("| distinct tasks | µs per run | keys in Redis after |");
        out.println("|---:|---:|---:|");
        scale.forEach(l -> out.printf("| %,d | %.1f | %,d |%n", l.tasks(), l.microsPerRun(), l.keys()));
    }

    private void printContention(PrintStream out) {
        out.printf("%nContention: %d threads call the same daily task for the same date at once, %d fresh dates%n%n",
                options.maxThreads(), options.contentionDates());
        out.println("| | dates | run exactly once | double runs |");
        out.println("|---|---:|---:|---:|");
        contention.forEach(o -> out.printf("| %s | %d | %d | %d |%n", o.id(), o.dates(), o.runOnce(), o.doubleRuns()));
    }

    private void printJmh(PrintStream out) {
        if (jmh.isEmpty()) {
            return;
        }
        out.printf("%nAspect overhead (JMH, in-memory store, recurring no-op), ns/op%n%n");
        out.println("| benchmark | ns/op | ± (99.9%) |");
        out.println("|---|---:|---:|");
        jmh.forEach((name, score) -> out.printf("| %s | %.1f | %.1f |%n", name, score[0], score[1]));
        if (jmh.containsKey("wovenCall") && jmh.containsKey("plainCall") && jmh.containsKey("engineRun")) {
            out.printf("%nwoven - plain: %.0f ns; woven - engine (the aspect alone): %.0f ns%n",
                    jmh.get("wovenCall")[0] - jmh.get("plainCall")[0], jmh.get("wovenCall")[0] - jmh.get("engineRun")[0]);
        }
        if (jmh.containsKey("engineRunOneListener") && jmh.containsKey("engineRun")) {
            out.printf("one no-op listener - none (engineRunOneListener - engineRun): %.0f ns%n",
                    jmh.get("engineRunOneListener")[0] - jmh.get("engineRun")[0]);
        }
    }
}
