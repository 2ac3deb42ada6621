package dev.guardedtask.examples;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.console.ConsoleServer;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * {@code --console PORT}: the web console on the example's Redis and key prefix, on {@code 127.0.0.1}, read-write,
 * its token made at start. It starts before the run, so that a taken port fails at once and the run's locks
 * show as they are held, and serves after it until Ctrl-C or until the calling thread is interrupted
 * ({@link ConsoleServer#serveUntilShutdown}).
 */
final class ExampleConsole implements AutoCloseable {

    private final TaskGuard guard;
    private final ConsoleServer server;

    private ExampleConsole(TaskGuard guard, ConsoleServer server) {
        this.guard = guard;
        this.server = server;
    }

    /**
     * @param redisUri the Redis to show, {@code null} with {@code options.redissonConfig()}
     * @throws Simulation.CannotRun if its guard cannot connect, or the port is taken
     */
    static ExampleConsole start(Options options, String redisUri, Clock clock) {
        TaskGuard guard = Simulation.connect(options, redisUri, clock, "example-console");
        try {
            return new ExampleConsole(guard,
                    ConsoleServer.builder(guard.operator()).port(options.consolePort()).clock(clock).start());
        } catch (UncheckedIOException e) { // the port is taken: the user's to change
            guard.close();
            throw new Simulation.CannotRun("--console " + options.consolePort() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    /** Prints where the console is and its token, then serves until Ctrl-C; closes the guard after. */
    void serve(PrintStream out) {
        out.printf("%nWeb console: %s%nToken for its writes (release, forget, complete): %s%nServing until Ctrl-C.%n",
                server.uri(), server.token());
        out.flush();
        server.serveUntilShutdown(guard);
    }

    /** Stops the console and its guard without serving (the run failed). */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            guard.close();
        }
    }
}
