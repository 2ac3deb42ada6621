package dev.guardedtask.examples;

import dev.guardedtask.testsupport.EmbeddedRedis;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Several workers, one Redis, two guarded tasks: a daily report that runs once in total and a
 * recurring refresh that never runs twice at once. Starts an embedded redis-server unless
 * {@code --redis} names one. Exit code 0 when both checks hold, 1 when not, 2 for a bad command line.
 */
public final class ExampleApp {

    private ExampleApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(Clock.systemDefaultZone(), System.out, System.err, args));
    }

    /** @param clock what every worker's guard takes "today" from: the system clock here, a fixed one in tests */
    static int run(Clock clock, PrintStream out, PrintStream err, String... args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            (e.getMessage() == null ? out : err).println(
                    (e.getMessage() == null ? "" : "Error: " + e.getMessage() + "\n\n") + Options.USAGE);
            return e.getMessage() == null ? 0 : 2;
        }
        try (EmbeddedRedis embedded = options.redisUri() == null ? EmbeddedRedis.start() : null) {
            String uri = embedded == null ? options.redisUri() : embedded.uri();
            out.printf("%d workers, %d ticks of %d ms, Redis at %s%s%n%n", options.workers(), options.ticks(),
                    options.tickMillis(), uri.replaceAll("//[^@/]*@", "//***@"), embedded == null ? "" : " (embedded)");
            Summary summary = new Simulation(options, uri, clock, out).run();
            summary.print(out);
            return summary.passed() ? 0 : 1;
        }
    }
}
