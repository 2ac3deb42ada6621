package dev.guardedtask.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** A command on the operator: connects with the {@link Connection} options, runs, disconnects. */
abstract class OperatorCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        try {
            out().println(JSON.writeValueAsString(value));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
