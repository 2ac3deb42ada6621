package dev.guardedtask.examples;

import dev.guardedtask.testsupport.EmbeddedRedis;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Several workers, one Redis, two guarded tasks: a daily report that runs once in total and a
 * recurring refresh that never runs twice at once. Starts an embedded redis-server unless
 * {@code --redis} or {@code --redisson-config} names one; every key goes under a prefix ({@code --key-prefix}).
 * With {@code --console PORT} it serves the web console on that Redis from the start of the run until Ctrl-C. Exit code 0 when
 * the three checks hold, 1 when one does not, 2 for a bad command line or a Redis that cannot be
 * reached, refuses the connection or refuses every worker's first call, 3 for an unexpected error.
 */
public final class ExampleApp {

    static final int CHECKS_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int UNEXPECTED = 3;

    private ExampleApp() {
    }

    /** Always ends with {@code System.exit}: no thread left behind by an error can keep the JVM alive. */
    public static void main(String[] args) {
        int status = UNEXPECTED;
        try {
            status = run(Clock.systemDefaultZone(), System.out, System.err, args);
        } catch (Throwable t) { // a bug, or the JVM in trouble: the whole trace helps here
            System.err.print("Error: unexpected ");
            t.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    /** @param clock what every worker's guard takes "today" from: the system clock here, a fixed one in tests */
    static int run(Clock clock, PrintStream out, PrintStream err, String... args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            (e.getMessage() == null ? out : err).println(
                    (e.getMessage() == null ? "" : "Error: " + e.getMessage() + "\n\n") + Options.USAGE);
            return e.getMessage() == null ? 0 : BAD_INPUT;
        }
        try (EmbeddedRedis embedded = options.embedded() ? EmbeddedRedis.start() : null) {
            String uri = embedded == null ? options.redisUri() : embedded.uri();
            ExampleConsole console = options.consolePort() == null ? null : ExampleConsole.start(options, uri, clock);
            Summary summary;
            try {
                summary = new Simulation(options, uri, clock, out).run();
            } catch (RuntimeException | InterruptedException e) {
                if (console != null) {
                    console.close();
                }
                throw e;
            }
            summary.print(out);
            if (console != null) {
                console.serve(out);
            }
            return summary.passed() ? 0 : CHECKS_FAILED;
        } catch (Simulation.CannotRun e) {
            err.println("Error: " + e.getMessage()); // not the usage: the options were right, the server is not
            return BAD_INPUT;
        }
    }
}
