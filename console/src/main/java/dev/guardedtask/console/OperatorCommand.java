package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command on the operator: connects with the {@link Connection} options, runs, disconnects. */
abstract class OperatorCommand implements Callable<Integer> {

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (Connection redis = connection) {
            return run(redis.operator());
        }
    }

    /** Does the command's work; returns the exit code. */
    abstract int run(TaskOperator operator);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints {@code value} (maps, lists, strings, numbers, as {@link JsonView} makes them) as JSON. */
    void printJson(Object value) {
        out().println(Json.writeIndented(value));
        out().flush();
    }

    /** A one-line outcome of a write on stdout ({@code --json}: {@code {"outcome": ..., "message": ...}}). */
    int outcome(int code, String outcome, String message) {
        if (connection.json()) {
            printJson(JsonView.outcome(outcome, message));
        } else if (code == Exits.OK) {
            out().println(message);
            out().flush();
        } else {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        }
        return code;
    }
}
