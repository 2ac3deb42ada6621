package dev.guardedtask.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Everything one bench run measured, printed as Markdown tables (pasted as is into docs/performance.md). */
record Report(BenchOptions options, List<Throughput.Row> rows, List<ScaleRun.Level> scale,
              List<ContentionRun.Outcome> contention, Map<String, double[]> jmh) {

    Throughput.Row row(String id) {
        return rows.stream().filter(r -> r.contender().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + id));
    }

    void print(PrintStream out) {
        printThroughput(out);
        printScale(out);
        printContention(out);
        printJmh(out);
    }

    private void printThroughput(PrintStream out) {
        int t = options.threads();
        out.printf("%nThroughput: ops/s, median of %d rounds of %.1f s after %d warm-up rounds; each call on a "
                + "fresh task/date; CPU µs/op: this JVM's CPU time per call (Redis server excluded)%n%n", options.rounds(), options.seconds(), options.warmupRounds());
        out.printf("| | operation | ops/s 1t | ops/s %dt | ×(a) 1t | ×(a) %dt | ×(d) 1t | ×(d) %dt "
                + "| CPU µs/op 1t | CPU µs/op %dt |%n", t, t, t, t);
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Throughput.Row a = row("a");
        Throughput.Row d = row("d");
        for (Throughput.Row r : rows) {
            out.printf("| %s | %s | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f |%n", r.contender().id(),
                    r.contender().label(), r.single(), r.multi(), r.single() / a.single(), r.multi() / a.multi(),
                    r.single() / d.single(), r.multi() / d.multi(), r.cpuSingle(), r.cpuMulti());
        }
        Throughput.Row b = row("b");
        Throughput.Row c = row("c");
        out.printf("%n(b)/(c): %.2f single-thread, %.2f at %d threads%n",
                b.single() / c.single(), b.multi() / c.multi(), t);
    }

    private void printScale(PrintStream out) {
        out.printf("%nScale: (b) daily, single-thread, %,d runs per level%n%n", options.scaleRuns());
        out.println("| distinct tasks | µs per run | keys in Redis after |");
        out.println("|---:|---:|---:|");
        scale.forEach(l -> out.printf("| %,d | %.1f | %,d |%n", l.tasks(), l.microsPerRun(), l.keys()));
    }

    private void printContention(PrintStream out) {
        out.printf("%nContention: %d threads call the same daily task for the same date at once, %d fresh dates%n%n",
                options.threads(), options.contentionDates());
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
