package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/** The options of the writes: {@code --yes} and {@code --as WHO} (a picocli mixin). */
final class Writes {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking (needed when there is no terminal).")
    private boolean yes;

    @Option(names = "--as", paramLabel = "WHO", description = "Who the history records as having done it "
            + "(default: user@host of this JVM).")
    private String who;

    private final Prompt prompt;

    Writes(Prompt prompt) {
        this.prompt = prompt;
    }

    /** {@code operator} recording the writes as by {@code --as} if given. */
    TaskOperator author(TaskOperator operator) {
        return who == null ? operator : operator.as(who);
    }

    /**
     * Whether to go ahead: {@code --yes}, or the person answered {@code y} or {@code yes} to {@code question}.
     *
     * @throws ParameterException without {@code --yes} and with no terminal to ask on
     */
    boolean confirmed(String question) {
        if (yes) {
            return true;
        }
        String answer = prompt.ask(question + " [y/N] ");
        if (answer == null) {
            throw new ParameterException(command.commandLine(),
                    "No terminal to confirm on; add --yes to " + command.name() + " without asking.");
        }
        String said = answer.trim().toLowerCase(Locale.ROOT);
        return said.equals("y") || said.equals("yes");
    }
}
