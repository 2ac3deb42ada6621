package dev.guardedtask.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run, from the command line (see {@link #USAGE}).
 *
 * @param redisUri        {@code redis://host:port[/db]}; {@code null}: an embedded redis-server on a free port
 * @param rounds          measured rounds per contender and thread count (the tables show the median)
 * @param warmupRounds    rounds run before, not counted
 * @param seconds         length of one round
 * @param threads         the thread counts, one table each (distinct, positive); the worker pool has the largest
 * @param only            the rows to run, by id ({@link Contenders#IDS}); empty = every row
 * @param scaleTasks      distinct task counts of the scale run
 * @param scaleRuns       timed runs per scale level
 * @param contentionDates dates of the contention run
 * @param jmh             whether to run the JMH aspect overhead benchmark (a forked JVM, ~30 s)
 * @param nettyThreads    Redisson's {@code nettyThreads}; 0 = Redisson's default (32)
 * @param poolSize        Redisson's connection pool size and minimum idle size; 0 = its defaults (64, 24)
 */
record BenchOptions(String redisUri, int rounds, int warmupRounds, double seconds, List<Integer> threads,
                    List<String> only, List<Integer> scaleTasks, int scaleRuns, int contentionDates, boolean jmh,
                    int nettyThreads, int poolSize) {

    static final String USAGE = "java -jar bench/target/guardedtask-bench.jar [--redis redis://host:port/db] "
            + "[--rounds 5] [--warmup 2] [--seconds 2] [--threads 1,8,32] [--only a,b,d] "
            + "[--scale-tasks 1,1000,100000] [--scale-runs 20000] [--contention-dates 500] [--no-jmh] "
            + "[--netty-threads N] [--pool N]";

    private static final Set<String> FLAGS = Set.of("--redis", "--rounds", "--warmup", "--seconds", "--threads",
            "--only", "--scale-tasks", "--scale-runs", "--contention-dates", "--netty-threads", "--pool");

    BenchOptions {
        threads = List.copyOf(threads);
        only = List.copyOf(only);
        scaleTasks = List.copyOf(scaleTasks);
        checkThreads(threads);
        checkOnly(only);
        if (rounds < 1 || warmupRounds < 0 || seconds <= 0 || scaleRuns < 1 || contentionDates < 1
                || nettyThreads < 0 || poolSize < 0 || scaleTasks.isEmpty() || scaleTasks.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("Bench: counts must be positive (warm-up, netty threads and pool "
                    + "may be 0). Usage: " + USAGE);
        }
    }

    /** The worker pool's size: the largest thread count, also the contention run's threads. */
    int maxThreads() {
        return Collections.max(threads);
    }

    /** Whether row {@code id} is run: named by {@code --only}, or no {@code --only} given. */
    boolean runs(String id) {
        return only.isEmpty() || only.contains(id);
    }

    private static void checkThreads(List<Integer> threads) {
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1) || new HashSet<>(threads).size() < threads.size()) {
            throw new IllegalArgumentException("Bench: --threads " + join(threads) + " is not a list of distinct "
                    + "positive thread counts; pass e.g. --threads 1,8,32.");
        }
    }

    private static void checkOnly(List<String> only) {
        for (String id : only) {
            if (!Contenders.IDS.contains(id)) {
                throw new IllegalArgumentException("Bench: --only " + String.join(",", only) + " names an unknown row '"
                        + id + "'; the rows are " + String.join(", ", Contenders.IDS)
                        + " (include a and d for the ratio columns), e.g. --only a,b,d.");
            }
        }
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    static BenchOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        boolean jmh = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-jmh")) {
                jmh = false;
            } else if (!FLAGS.contains(args[i])) {
                throw new IllegalArgumentException("Bench: unknown option " + args[i] + ". Usage: " + USAGE);
            } else if (i + 1 == args.length) {
                throw new IllegalArgumentException("Bench: " + args[i] + " needs a value. Usage: " + USAGE);
            } else {
                given.put(args[i], args[++i]);
            }
        }
        List<Integer> threads = threads(given.getOrDefault("--threads", "1,8,32"));
        List<String> only = given.containsKey("--only") ? List.of(given.get("--only").split(",", -1)) : List.of();
        try {
            return new BenchOptions(given.get("--redis"), number(given, "--rounds", 5), number(given, "--warmup", 2),
                    Double.parseDouble(given.getOrDefault("--seconds", "2")), threads, only,
                    integers(given.getOrDefault("--scale-tasks", "1,1000,100000")), number(given, "--scale-runs", 20_000),
                    number(given, "--contention-dates", 500), jmh, number(given, "--netty-threads", 0),
                    number(given, "--pool", 0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bench: " + e.getMessage() + " is not a number. Usage: " + USAGE, e);
        }
    }

    private static List<Integer> threads(String list) {
        try {
            return integers(list);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bench: --threads " + list + " is not a list of distinct positive "
                    + "thread counts; pass e.g. --threads 1,8,32.", e);
        }
    }

    private static int number(Map<String, String> given, String flag, int fallback) {
        return given.containsKey(flag) ? Integer.parseInt(given.get(flag)) : fallback;
    }

    private static List<Integer> integers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }
}
