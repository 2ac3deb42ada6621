package dev.guardedtask.bench;

import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cost per guarded run (b) as the number of distinct tasks grows: for each level, the keyspace is
 * filled with the success keys of that many tasks for an earlier date (pipelined), then
 * {@code scaleRuns} daily runs cycle through the tasks, each on a date not yet completed, single-threaded.
 */
final class ScaleRun {

    /** One level: distinct tasks, mean µs per run, keys in Redis afterwards. */
    record Level(int tasks, double microsPerRun, long keys) {
    }

    private static final int BATCH = 10_000;

    private final Clients clients;
    private final Operation guarded;

    ScaleRun(Clients clients, Contenders contenders) {
        this.clients = clients;
        this.guarded = contenders.guarded(false, null);
    }

    List<Level> measure(List<Integer> taskCounts, int runs) throws Exception {
        List<Level> levels = new ArrayList<>();
        for (int tasks : taskCounts) {
            clients.flush();
            fill(tasks);
            runs(tasks, Math.min(runs, 2_000)); // warm-up on dates after the measured ones
            long start = System.nanoTime();
            for (int k = 0; k < runs; k++) {
                guarded.call(task(k % tasks), Dates.nth(1 + k / tasks));
            }
            double micros = (System.nanoTime() - start) / 1e3 / runs;
            levels.add(new Level(tasks, micros, clients.redisson.getKeys().count()));
        }
        return levels;
    }

    private void runs(int tasks, int count) throws Exception {
        for (int k = 0; k < count; k++) {
            guarded.call(task(k % tasks), Dates.nth(1_000_000 + k / tasks));
        }
    }

    private void fill(int tasks) {
        for (int from = 0; from < tasks; from += BATCH) {
            RBatch batch = clients.redisson.createBatch(BatchOptions.defaults());
            for (int i = from; i < Math.min(tasks, from + BATCH); i++) {
                batch.<String>getBucket("success:" + task(i) + ":" + Dates.nth(0), StringCodec.INSTANCE)
                        .setAsync("completed", Duration.ofDays(1));
            }
            batch.execute();
        }
    }

    private static String task(int i) {
        return "bench_scale_" + i;
    }
}
