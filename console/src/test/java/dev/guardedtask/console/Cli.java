package dev.guardedtask.console;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code guardedtask} in this JVM, as {@link Main#main} does, with its output captured. */
final class Cli {

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** A terminal whose person answers {@code answer}, and the questions asked. */
    static final class Terminal implements Prompt {

        final List<String> questions = new ArrayList<>();
        private final String answer;

        Terminal(String answer) {
            this.answer = answer;
        }

        @Override
        public String ask(String question) {
            questions.add(question);
            return answer;
        }
    }

    /** No terminal: input and output redirected. */
    static final Prompt NO_TERMINAL = question -> null;

    private final Clock clock;
    private final List<String> connection;

    /** @param connection the options naming Redis, e.g. {@code --redis redis://...}, put after the command */
    Cli(Clock clock, String... connection) {
        this.clock = clock;
        this.connection = List.of(connection);
    }

    Result run(String... args) {
        return run(NO_TERMINAL, args);
    }

    Result run(Prompt prompt, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(connection);
        return runExactly(prompt, all.toArray(String[]::new));
    }

    /** With {@code args} only, no connection options added. */
    Result runExactly(Prompt prompt, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine(clock, prompt);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
