package dev.guardedtask.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throughput tables: each contender at each thread count, warm-up rounds first, then measured rounds
 * interleaved across contenders and thread counts (each round: every contender at every thread count, so a
 * load change on the machine hits every row alike); each figure is the median of the measured rounds. The
 * keyspace is flushed before every round, and the server's CPU time and command stats are read before and
 * after it. Every contender makes one call before the first round, so that no round pays for loading a
 * script.
 */
final class Throughput {

    /**
     * One row at one thread count, each figure the median over the measured rounds: ops/s; the latency of a
     * call, p50 and p99, in µs (each round's percentiles of all its calls); this JVM's and the Redis server's
     * CPU time per call, in µs.
     */
    record Cell(double opsPerSecond, double p50Micros, double p99Micros, double clientCpuMicros,
                double serverCpuMicros) {

        /** Client + server CPU per call: both share the machine's cores, so this bounds the throughput. */
        double totalCpuMicros() {
            return clientCpuMicros + serverCpuMicros;
        }
    }

    /** One contender's cells, by thread count. */
    record Row(Contender contender, Map<Integer, Cell> cells) {

        Cell at(int threads) {
            return cells.get(threads);
        }
    }

    /**
     * What the server did for one contender's runs: its commands over the measured rounds at the smallest
     * thread count ({@code INFO commandstats} deltas, the bench's admin commands left out), and the runs made.
     */
    record Breakdown(Contender contender, int threads, long runs, Map<String, ServerStats.Command> commands) {

        double callsPerRun(String command) {
            return (double) commands.get(command).calls() / runs;
        }

        double microsPerCall(String command) {
            ServerStats.Command c = commands.get(command);
            return (double) c.micros() / c.calls();
        }
    }

    /** The rows, in the contenders' order, and the breakdowns of the {@link Contenders#GUARDED} rows run. */
    record Result(List<Row> rows, List<Breakdown> breakdowns) {
    }

    /** One round's figures. */
    private record Measured(Workers.Rate rate, ServerStats server) {

        double[] figures() {
            return new double[] {rate.opsPerSecond(), rate.latencyMicros().getValueAtPercentile(50),
                    rate.latencyMicros().getValueAtPercentile(99), rate.cpuMicrosPerOp(),
                    server.cpuSeconds() * 1e6 / rate.calls()};
        }
    }

    private static final int FIGURES = 5;

    private final Clients clients;
    private final Workers workers;
    private final BenchOptions options;

    Throughput(Clients clients, Workers workers, BenchOptions options) {
        this.clients = clients;
        this.workers = workers;
        this.options = options;
    }

    Result measure(List<Contender> contenders) throws Exception {
        for (Contender c : contenders) {
            c.operation().call(c.task(), Dates.nth(-1)); // loads its scripts; the keyspace is flushed before round 1
        }
        for (int round = 0; round < options.warmupRounds(); round++) {
            for (Contender c : contenders) {
                options.threads().forEach(t -> round(c, t));
            }
        }
        Map<Contender, Rounds> measured = new LinkedHashMap<>();
        contenders.forEach(c -> measured.put(c, new Rounds(options.threads(), options.rounds())));
        for (int round = 0; round < options.rounds(); round++) {
            for (Contender c : contenders) {
                for (int t : options.threads()) {
                    measured.get(c).add(round, t, round(c, t));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        List<Breakdown> breakdowns = new ArrayList<>();
        measured.forEach((c, rounds) -> {
            rows.add(new Row(c, rounds.cells()));
            if (Contenders.GUARDED.contains(c.id())) {
                breakdowns.add(new Breakdown(c, rounds.smallest, rounds.runs, rounds.commands.commands()));
            }
        });
        return new Result(rows, breakdowns);
    }

    /** One contender's measured rounds: figures by thread count, and the server's commands at the smallest. */
    private static final class Rounds {

        private final List<Integer> threads;
        private final int smallest;
        /** [thread count's index][figure][round] */
        private final double[][][] values;
        private ServerStats commands = ServerStats.NONE;
        private long runs;

        Rounds(List<Integer> threads, int rounds) {
            this.threads = threads;
            this.smallest = Collections.min(threads);
            this.values = new double[threads.size()][FIGURES][rounds];
        }

        void add(int round, int threadCount, Measured measured) {
            double[] figures = measured.figures();
            for (int f = 0; f < FIGURES; f++) {
                values[threads.indexOf(threadCount)][f][round] = figures[f];
            }
            if (threadCount == smallest) {
                commands = commands.plus(measured.server());
                runs += measured.rate().calls();
            }
        }

        Map<Integer, Cell> cells() {
            Map<Integer, Cell> cells = new LinkedHashMap<>();
            for (int i = 0; i < threads.size(); i++) {
                double[][] v = values[i];
                cells.put(threads.get(i), new Cell(median(v[0]), median(v[1]), median(v[2]), median(v[3]), median(v[4])));
            }
            return cells;
        }
    }

    private Measured round(Contender contender, int threads) {
        clients.flush();
        ServerStats before = ServerStats.read(clients.redisson);
        Workers.Rate rate = workers.forSeconds(contender.operation(), contender.task(), threads, options.seconds());
        return new Measured(rate, ServerStats.read(clients.redisson).since(before));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
