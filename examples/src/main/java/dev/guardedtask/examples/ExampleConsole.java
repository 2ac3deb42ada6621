package dev.guardedtask.examples;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.console.ConsoleServer;

import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --console PORT}: after the run, the web console on the example's Redis and key prefix, on
 * {@code 127.0.0.1}, read-write, its token made at start and printed. It serves until Ctrl-C (the JVM's shutdown,
 * which waits up to 5 s for it to close) or until the calling thread is interrupted.
 */
final class ExampleConsole {

    private ExampleConsole() {
    }

    /**
     * @param redisUri the Redis to show, {@code null} with {@code options.redissonConfig()}
     * @throws Simulation.CannotRun if its guard cannot connect
     */
    static void serve(Options options, String redisUri, Clock clock, PrintStream out) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            stop.countDown();
            await(closed);
        }, "guardedtask-example-console-stop");
        try (TaskGuard guard = Simulation.connect(options, redisUri, clock, "example-console");
             ConsoleServer console = ConsoleServer.builder(guard.operator()).port(options.consolePort()).clock(clock)
                     .start()) {
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            out.printf("%nWeb console: %s%nToken for its writes (release, forget, complete): %s%n"
                    + "Serving until Ctrl-C.%n", console.uri(), console.token());
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.countDown();
            removeHook(onCtrlC);
        }
    }

    private static void await(CountDownLatch closed) {
        try {
            closed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running, and waits for this thread
        }
    }
}
