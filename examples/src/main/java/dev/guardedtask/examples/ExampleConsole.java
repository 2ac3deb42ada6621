package dev.guardedtask.examples;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.console.ConsoleServer;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * {@code --console PORT}: after the run, the web console on the example's Redis and key prefix, on
 * {@code 127.0.0.1}, read-write, its token made at start and printed. It serves until Ctrl-C or until the calling
 * thread is interrupted ({@link ConsoleServer#serveUntilShutdown}).
 */
final class ExampleConsole {

    private ExampleConsole() {
    }

    /**
     * @param redisUri the Redis to show, {@code null} with {@code options.redissonConfig()}
     * @throws Simulation.CannotRun if its guard cannot connect, or the port is taken
     */
    static void serve(Options options, String redisUri, Clock clock, PrintStream out) {
        TaskGuard guard = Simulation.connect(options, redisUri, clock, "example-console");
        ConsoleServer console;
        try {
            console = ConsoleServer.builder(guard.operator()).port(options.consolePort()).clock(clock).start();
        } catch (UncheckedIOException e) { // the port is taken: the user's to change
            guard.close();
            throw new Simulation.CannotRun("--console " + options.consolePort() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
        out.printf("%nWeb console: %s%nToken for its writes (release, forget, complete): %s%nServing until Ctrl-C.%n",
                console.uri(), console.token());
        out.flush();
        console.serveUntilShutdown(guard);
    }
}
