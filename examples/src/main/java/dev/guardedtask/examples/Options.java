package dev.guardedtask.examples;

import dev.guardedtask.TaskGuard;

import java.util.List;

/**
 * The example's command line.
 *
 * @param redisUri {@code null}: start an embedded redis-server on a free loopback port
 * @param failStep the chain step to make fail, or {@code ""}
 */
record Options(int workers, int ticks, long tickMillis, String redisUri, String failStep) {

    static final List<String> STEPS = List.of(ChainJobs.ANALYSIS, ChainJobs.INDEXING, ChainJobs.REPORT);

    static final String USAGE = """
            Usage: java -jar guardedtask-example.jar [--workers N] [--ticks N] [--tick-ms MS] [--redis URI]
                                                     [--fail-step STEP]

              --workers N       simulated worker nodes, each with its own TaskGuard and Redis client (1-32, default 3)
              --ticks N         how many ticks every worker runs (1-1000, default 10)
              --tick-ms MS      time between ticks in milliseconds (50-60000, default 1000)
              --redis URI       use this Redis, e.g. redis://localhost:6379/0, instead of starting an embedded one
              --fail-step STEP  make a step of the chain fail: task_analysis, task_indexing or task_report
              --help            show this text

            Exit status: 0 both checks held, 1 a check failed, 2 a bad option or a Redis that cannot be
            reached or refuses the connection (a one-line "Error: ..." on stderr), 3 an unexpected error.""";

    static Options parse(String... args) {
        int workers = 3;
        int ticks = 10;
        long tickMillis = 1_000;
        String redis = null;
        String failStep = "";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--workers" -> workers = (int) number(option, value(args, ++i, option), 1, 32);
                case "--ticks" -> ticks = (int) number(option, value(args, ++i, option), 1, 1_000);
                case "--tick-ms" -> tickMillis = number(option, value(args, ++i, option), 50, 60_000);
                case "--redis" -> redis = redisUri(value(args, ++i, option));
                case "--fail-step" -> failStep = step(value(args, ++i, option));
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        return new Options(workers, ticks, tickMillis, redis, failStep);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static String step(String text) {
        if (!STEPS.contains(text)) {
            throw new UsageException("--fail-step takes one of " + STEPS + ", not '" + text + "'");
        }
        return text;
    }

    private static String redisUri(String text) {
        try {
            TaskGuard.builder().redis(text); // parses only; connects at build()
            return text;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static long number(String option, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " takes a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    /** Bad command line: the message says what was wrong ({@code null} for --help). */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
