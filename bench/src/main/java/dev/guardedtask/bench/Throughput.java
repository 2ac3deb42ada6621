package dev.guardedtask.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throughput table: each contender single-threaded and with {@code threads} threads, warm-up
 * rounds first, then measured rounds interleaved across contenders (so a load change on the machine
 * hits every row alike); ops/s is the median of the measured rounds. The keyspace is flushed before
 * every round.
 */
final class Throughput {

    /** One row: median ops/s and median JVM CPU µs per call, single-threaded and multi-threaded. */
    record Row(Contender contender, double single, double multi, double cpuSingle, double cpuMulti) {
    }

    private final Clients clients;
    private final Workers workers;
    private final BenchOptions options;

    Throughput(Clients clients, Workers workers, BenchOptions options) {
        this.clients = clients;
        this.workers = workers;
        this.options = options;
    }

    List<Row> measure(List<Contender> contenders) {
        for (int round = 0; round < options.warmupRounds(); round++) {
            contenders.forEach(c -> {
                round(c, 1);
                round(c, options.threads());
            });
        }
        Map<Contender, double[][]> rounds = new LinkedHashMap<>();
        contenders.forEach(c -> rounds.put(c, new double[4][options.rounds()]));
        for (int round = 0; round < options.rounds(); round++) {
            for (Contender c : contenders) {
                Workers.Rate single = round(c, 1);
                Workers.Rate multi = round(c, options.threads());
                double[][] values = rounds.get(c);
                values[0][round] = single.opsPerSecond();
                values[1][round] = multi.opsPerSecond();
                values[2][round] = single.cpuMicrosPerOp();
                values[3][round] = multi.cpuMicrosPerOp();
            }
        }
        List<Row> rows = new ArrayList<>();
        rounds.forEach((c, v) -> rows.add(new Row(c, median(v[0]), median(v[1]), median(v[2]), median(v[3]))));
        return rows;
    }

    private Workers.Rate round(Contender contender, int threads) {
        clients.flush();
        return workers.forSeconds(contender.operation(), contender.task(), threads, options.seconds());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
