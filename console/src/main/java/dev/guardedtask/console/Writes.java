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

    private String who;

    /** The longest {@code --as} the history takes ({@link TaskOperator#as}). */
    private static final int MAX_WHO = 200;

    private final Prompt prompt;

    Writes(Prompt prompt) {
        this.prompt = prompt;
    }

    /** Checks {@code --as} as it is parsed, before Redis is connected to: a usage error naming the option. */
    @Option(names = "--as", paramLabel = "WHO", description = "Who the history records as having done it "
            + "(default: user@host of this JVM): 1 to 200 characters, not blank, no control characters.")
    void who(String value) {
        if (value.isBlank() || value.length() > MAX_WHO || value.chars().anyMatch(Character::isISOControl)) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            throw new ParameterException(command.commandLine(), "--as '" + shown.replaceAll("\\p{Cntrl}", " ")
                    + "': name who makes the write, 1 to " + MAX_WHO + " characters, no control characters, e.g. "
                    + "--as alice");
        }
        who = value;
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
