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

    /** One row: median ops/s single-threaded and multi-threaded. */
    record Row(Contender contender, double single, double multi) {
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
        contenders.forEach(c -> rounds.put(c, new double[2][options.rounds()]));
        for (int round = 0; round < options.rounds(); round++) {
            for (Contender c : contenders) {
                rounds.get(c)[0][round] = round(c, 1);
                rounds.get(c)[1][round] = round(c, options.threads());
            }
        }
        List<Row> rows = new ArrayList<>();
        rounds.forEach((c, values) -> rows.add(new Row(c, median(values[0]), median(values[1]))));
        return rows;
    }

    private double round(Contender contender, int threads) {
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
