package dev.guardedtask.examples;

import dev.guardedtask.TaskGuard;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The example's command line.
 *
 * @param redisUri {@code null}: start an embedded redis-server on a free loopback port, unless
 *     {@code redissonConfig} is given
 * @param redissonConfig a Redisson YAML configuration file naming the Redis to use, or {@code null}; never
 *     together with {@code redisUri}
 * @param failStep the chain step to make fail, or {@code ""}
 * @param keyPrefix put before every key the workers write, on the embedded Redis as on {@code --redis}
 * @param consolePort from the start of the run until Ctrl-C after it, serve the web console on this loopback port (0: a free one) until Ctrl-C;
 *     {@code null}: no console
 */
record Options(int workers, int ticks, long tickMillis, String redisUri, Path redissonConfig, String failStep,
               String keyPrefix, Integer consolePort) {

    /** The chain's steps in order; each depends on the one before. */
    static final List<String> STEPS = List.of(ChainJobs.ANALYSIS, ChainJobs.INDEXING, ChainJobs.REPORT);

    /** Keeps the example's keys apart from a real application's on a shared Redis. */
    static final String DEFAULT_KEY_PREFIX = "guardedtask-example:";

    static final String USAGE = """
            Usage: java -jar guardedtask-example.jar [--workers N] [--ticks N] [--tick-ms MS]
                                                     [--redis URI | --redisson-config FILE]
                                                     [--key-prefix PREFIX] [--fail-step STEP]
                                                     [--console PORT]

            Simulates worker nodes that share one Redis, each with its own TaskGuard. Every worker starts
            the chain task_analysis -> task_indexing -> task_report once, then on every tick calls
              task_daily_report  a daily task: runs once per date across all workers, and
              task_odds          a recurring task: runs again each tick, never on two workers at once.
            So most calls are skipped, and should be: lock_held means another worker is running the
            task, already_completed that it is done for the date. The run ends with three checks: the
            daily task ran once, the recurring one never ran on two workers at once, and Redis served
            every call (a call it did not serve fails with backend_unavailable, or backend_refused if
            Redis refused it).

            Options (a value follows its option, --workers 3, or is joined to it, --workers=3):
              --workers N          simulated worker nodes, each with its own Redis client (1-32, default 3)
              --ticks N            how many ticks every worker runs (1-1000, default 10)
              --tick-ms MS         time between ticks in milliseconds (50-60000, default 1000)
              --redis URI          use this Redis, redis://[user:password@]host[:port][/database] (rediss://
                                   for TLS), e.g. redis://localhost:6379/0, instead of an embedded one on a
                                   free port (which is stopped, with its keys, at exit)
              --redisson-config FILE
                                   use the Redis that this Redisson YAML configuration names (the file
                                   Config.fromYAML reads: singleServerConfig, sentinelServersConfig or
                                   clusterServersConfig), instead of --redis or an embedded one. On a
                                   cluster every key carries the task as its hash tag, e.g.
                                   guardedtask-example:success:{task_daily_report}:YYYYMMDD, unless
                                   --key-prefix has one of its own; --key-prefix applies as with --redis
              --key-prefix PREFIX  put PREFIX before every key the example writes, on the embedded Redis and
                                   with --redis alike (default guardedtask-example:), so that on a shared
                                   Redis its keys, e.g. guardedtask-example:success:task_daily_report:YYYYMMDD,
                                   stay apart from your applications' (success:task_daily_report:YYYYMMDD);
                                   not empty, no white space; with a cluster, a { only in a closed hash tag
                                   such as {app}:, which puts every key in that one slot. Success keys
                                   expire after 24 h: a second run on the same day finds the daily tasks
                                   already completed; each task's history and counts (PREFIXhistory:<task>,
                                   PREFIXstats:<task>) stay 30 days after its last run, and its fencing
                                   counter (PREFIXfence:<task>) is kept
              --fail-step STEP     make a step of the chain fail: task_analysis, task_indexing or task_report
              --console PORT       serve the web console at http://127.0.0.1:PORT/ (0: a free port) on the
                                   same Redis, from the start of the run (its locks show as they are held)
                                   until Ctrl-C after it; its writes (release, forget, complete) need the
                                   token it prints
              --help               show this text

            Exit status: 0 all three checks held; 1 a check failed or was not shown (the task never ran);
            2 a bad option, or a Redis that cannot be reached, refuses the connection or refuses the
            example's first calls (one line "Error: ..." on stderr); 3 an unexpected error.""";

    /** @throws UsageException for a bad command line, and for {@code --help} (with no message) */
    static Options parse(String... args) {
        int workers = 3;
        int ticks = 10;
        long tickMillis = 1_000;
        String redis = null;
        Path redissonConfig = null;
        String failStep = "";
        String keyPrefix = DEFAULT_KEY_PREFIX;
        Integer consolePort = null;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            String option = name(arg);
            String joined = arg.equals(option) ? null : arg.substring(option.length() + 1); // --name=value
            switch (option) {
                case "--workers" -> workers = (int) number(option, value(option, joined, rest), 1, 32);
                case "--ticks" -> ticks = (int) number(option, value(option, joined, rest), 1, 1_000);
                case "--tick-ms" -> tickMillis = number(option, value(option, joined, rest), 50, 60_000);
                case "--redis" -> redis = redisUri(value(option, joined, rest));
                case "--redisson-config" -> redissonConfig = redissonConfig(value(option, joined, rest));
                case "--fail-step" -> failStep = step(value(option, joined, rest));
                case "--key-prefix" -> keyPrefix = keyPrefix(value(option, joined, rest));
                case "--console" -> consolePort = (int) number(option, value(option, joined, rest), 0, 65_535);
                case "--help", "-h" -> throw new UsageException(joined == null ? null : option + " takes no value");
                default -> throw new UsageException(option.startsWith("-") ? "unknown option '" + option + "'"
                        : "unexpected argument '" + arg + "': a value follows its option, as in --workers 3 "
                        + "or --workers=3");
            }
        }
        if (redis != null && redissonConfig != null) {
            throw new UsageException("--redis and --redisson-config both say which Redis to use: give one of them");
        }
        return new Options(workers, ticks, tickMillis, redis, redissonConfig, failStep, keyPrefix, consolePort);
    }

    /** Neither {@code --redis} nor {@code --redisson-config}: the example starts its own redis-server. */
    boolean embedded() {
        return redisUri == null && redissonConfig == null;
    }

    /** {@code --workers} of {@code --workers=3}; any other argument as it is. */
    private static String name(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 2 ? arg.substring(0, equals) : arg;
    }

    /** The value joined to the option with {@code =}, else the next argument, which must not be an option. */
    private static String value(String option, String joined, Deque<String> rest) {
        if (joined != null) {
            return joined;
        }
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return rest.pop();
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

    private static Path redissonConfig(String text) {
        try {
            Path file = Path.of(text);
            TaskGuard.builder().redissonConfig(file); // reads and parses only; connects at build()
            return file;
        } catch (IllegalArgumentException e) { // InvalidPathException is one
            throw new UsageException(e.getMessage());
        }
    }

    private static String keyPrefix(String text) {
        if (text.isEmpty()) {
            throw new UsageException("--key-prefix must not be empty: the example's keys would then be the plain "
                    + "task keys (success:task_daily_report:YYYYMMDD) that a real job on the same Redis uses");
        }
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new UsageException("--key-prefix '" + text + "' contains white space or control characters; "
                    + "use e.g. '" + DEFAULT_KEY_PREFIX + "'");
        }
        try {
            TaskGuard.builder().keyPrefix(text); // any rule the library adds
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
