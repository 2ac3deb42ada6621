package dev.guardedtask.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What to run, from the command line:
 * {@code [--redis URI] [--rounds N] [--warmup N] [--seconds S] [--threads T] [--scale-tasks 1,1000,100000]
 * [--scale-runs N] [--contention-dates N] [--no-jmh]}.
 *
 * @param redisUri        {@code redis://host:port[/db]}; {@code null}: an embedded redis-server on a free port
 * @param rounds          measured rounds per contender and thread count (the table shows the median)
 * @param warmupRounds    rounds run before, not counted
 * @param seconds         length of one round
 * @param threads         the multi-threaded column
 * @param scaleTasks      distinct task counts of the scale run
 * @param scaleRuns       timed runs per scale level
 * @param contentionDates dates of the contention run
 * @param jmh             whether to run the JMH aspect overhead benchmark (a forked JVM, ~30 s)
 */
record BenchOptions(String redisUri, int rounds, int warmupRounds, double seconds, int threads,
                    List<Integer> scaleTasks, int scaleRuns, int contentionDates, boolean jmh) {

    static final String USAGE = "java -jar bench/target/guardedtask-bench.jar [--redis redis://host:port/db] "
            + "[--rounds 5] [--warmup 2] [--seconds 2] [--threads 8] [--scale-tasks 1,1000,100000] "
            + "[--scale-runs 20000] [--contention-dates 500] [--no-jmh]";

    BenchOptions {
        scaleTasks = List.copyOf(scaleTasks);
        if (rounds < 1 || warmupRounds < 0 || seconds <= 0 || threads < 1 || scaleRuns < 1 || contentionDates < 1
                || scaleTasks.isEmpty() || scaleTasks.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("Bench: counts must be positive (warm-up may be 0). Usage: " + USAGE);
        }
    }

    static BenchOptions defaults() {
        return new BenchOptions(null, 5, 2, 2.0, 8, List.of(1, 1_000, 100_000), 20_000, 500, true);
    }

    static BenchOptions parse(String... args) {
        BenchOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-jmh")) {
                o = new BenchOptions(o.redisUri, o.rounds, o.warmupRounds, o.seconds, o.threads, o.scaleTasks,
                        o.scaleRuns, o.contentionDates, false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Bench: " + flag + " needs a value. Usage: " + USAGE);
            }
            o = o.with(flag, args[++i]);
        }
        return o;
    }

    private BenchOptions with(String flag, String value) {
        try {
            return switch (flag) {
                case "--redis" -> new BenchOptions(value, rounds, warmupRounds, seconds, threads, scaleTasks,
                        scaleRuns, contentionDates, jmh);
                case "--rounds" -> new BenchOptions(redisUri, Integer.parseInt(value), warmupRounds, seconds, threads,
                        scaleTasks, scaleRuns, contentionDates, jmh);
                case "--warmup" -> new BenchOptions(redisUri, rounds, Integer.parseInt(value), seconds, threads,
                        scaleTasks, scaleRuns, contentionDates, jmh);
                case "--seconds" -> new BenchOptions(redisUri, rounds, warmupRounds, Double.parseDouble(value), threads,
                        scaleTasks, scaleRuns, contentionDates, jmh);
                case "--threads" -> new BenchOptions(redisUri, rounds, warmupRounds, seconds, Integer.parseInt(value),
                        scaleTasks, scaleRuns, contentionDates, jmh);
                case "--scale-tasks" -> new BenchOptions(redisUri, rounds, warmupRounds, seconds, threads,
                        integers(value), scaleRuns, contentionDates, jmh);
                case "--scale-runs" -> new BenchOptions(redisUri, rounds, warmupRounds, seconds, threads, scaleTasks,
                        Integer.parseInt(value), contentionDates, jmh);
                case "--contention-dates" -> new BenchOptions(redisUri, rounds, warmupRounds, seconds, threads,
                        scaleTasks, scaleRuns, Integer.parseInt(value), jmh);
                default -> throw new IllegalArgumentException("Bench: unknown option " + flag + ". Usage: " + USAGE);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bench: " + flag + " " + value + " is not a number. Usage: " + USAGE, e);
        }
    }

    private static List<Integer> integers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String part : list.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }
}
