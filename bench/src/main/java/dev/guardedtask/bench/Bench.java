package dev.guardedtask.bench;

import dev.guardedtask.testsupport.EmbeddedRedis;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The benchmark application: {@value BenchOptions#USAGE}.
 * Without {@code --redis} it starts an embedded redis-server on a free loopback port and stops it at exit.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out).print(System.out);
    }

    static Report run(BenchOptions options, PrintStream log) throws Exception {
        if (options.redisUri() != null) {
            return runOn(options.redisUri(), options, log);
        }
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            return runOn(redis.uri(), options, log);
        }
    }

    private static String setting(int value) {
        return value == 0 ? "default" : Integer.toString(value);
    }

    private static Report runOn(String uri, BenchOptions options, PrintStream log) throws Exception {
        log.println("Redis: " + uri + "; Redisson nettyThreads " + setting(options.nettyThreads())
                + ", connection pool " + setting(options.poolSize()));
        try (Clients clients = new Clients(uri, options.nettyThreads(), options.poolSize());
             Workers workers = new Workers(options.maxThreads())) {
            Contenders contenders = new Contenders(clients);
            log.println("Throughput...");
            Throughput.Result throughput = new Throughput(clients, workers, options).measure(contenders.chosen(options));
            log.println("Scale...");
            List<ScaleRun.Level> scale = new ScaleRun(clients, contenders)
                    .measure(options.scaleTasks(), options.scaleRuns());
            log.println("Contention...");
            ContentionRun contention = new ContentionRun(clients, workers);
            List<ContentionRun.Outcome> outcomes = List.of(
                    contention.measure("b", runs -> contenders.guarded(false, runs),
                            options.maxThreads(), options.contentionDates()),
                    contention.measure("c", contenders::naive, options.maxThreads(), options.contentionDates()));
            Map<String, double[]> jmh = options.jmh() ? JmhRun.aspectOverhead() : Map.of();
            return new Report(options, throughput.rows(), throughput.breakdowns(), scale, outcomes, jmh);
        }
    }
}
