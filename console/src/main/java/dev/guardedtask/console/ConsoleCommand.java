package dev.guardedtask.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

@Command(name = "console", description = {"Serve the web console until Ctrl-C: tasks, runs and locks, refreshed every "
        + "2 s, and the writes (release, forget, complete).",
        "Listens on 127.0.0.1 unless --bind says otherwise. Writes need the token printed at start (or given), sent "
        + "by the page once pasted; --read-only hides and refuses them. See docs/operations.md, \"Web console\"."})
final class ConsoleCommand implements Callable<Integer> {

    /** The environment variable a token can come from (better than --token, which other users see in ps). */
    static final String TOKEN_VARIABLE = "GUARDEDTASK_CONSOLE_TOKEN";

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: a free one).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Anyone who can reach "
                    + "another address can read what the console shows.")
    private String bind;

    @Option(names = "--read-only", description = "Show no write buttons and refuse writes (403).")
    private boolean readOnly;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_VARIABLE + "}",
            showDefaultValue = Visibility.NEVER,
            description = "The token writes need, 16 or more characters (default: $" + TOKEN_VARIABLE
                    + " if set, else 32 random bytes made at start and printed).")
    private String token;

    @Override
    public Integer call() {
        if (connection.json()) {
            throw new ParameterException(spec.commandLine(), "--json does not apply to the console: its API answers "
                    + "in JSON already (GET /api/tasks, /api/locks, /api/tasks/TASK/runs)");
        }
        ConsoleServer console;
        try {
            console = ConsoleServer.builder(connection.operator()).bind(bind).port(port).token(token)
                    .readOnly(readOnly).clock(connection.clock()).start();
        } catch (UncheckedIOException e) { // a port in use, an address not on this machine: the user picks another
            connection.close();
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("guardedtask console: " + console.uri() + (readOnly ? " (read-only)" : ""));
        if (!readOnly) {
            out.println(token == null ? "Token for writes (paste it into the page once): " + console.token()
                    : "Writes need the token given with --token or $" + TOKEN_VARIABLE + ".");
        }
        out.println("Serving until Ctrl-C.");
        out.flush();
        console.serveUntilShutdown(connection);
        return Exits.OK;
    }
}
