package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Duration;
import java.time.format.DateTimeParseException;

@Command(name = "complete", description = "Set a task's success key for a date for --success-ttl (default 1 day, "
        + "the guards' default), so that a daily task's calls for it skip with already_completed (a recurring task "
        + "reads no success key), and record it in the task's "
        + "history. A task with no recorded run and no lock here gets a note on stderr: check its name.")
final class CompleteCommand extends WriteCommand {

    /** The guards' default success TTL, and {@code --success-ttl}'s. */
    static final Duration DEFAULT_SUCCESS_TTL = Duration.ofDays(1);
    /** The bounds of a guard's durations. */
    static final Duration MIN_SUCCESS_TTL = Duration.ofMillis(1);
    static final Duration MAX_SUCCESS_TTL = Duration.ofDays(3650);

    private Duration successTtl = DEFAULT_SUCCESS_TTL;

    /** Parses and bounds {@code --success-ttl} as it is read, before Redis is connected to. */
    @Option(names = "--success-ttl", paramLabel = "DURATION", description = "How long the success key lives, "
            + "ISO-8601 like P2D or PT36H, from 1 ms to 3650 days (default: P1D, the guards' default).")
    void successTtl(String text) {
        Duration parsed;
        try {
            parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw badTtl(text, "is not an ISO-8601 duration");
        }
        if (parsed.compareTo(MIN_SUCCESS_TTL) < 0) {
            throw badTtl(text, "is under 1 ms");
        }
        if (parsed.compareTo(MAX_SUCCESS_TTL) > 0) {
            throw badTtl(text, "is over 3650 days");
        }
        successTtl = parsed;
    }

    private ParameterException badTtl(String text, String why) {
        return new ParameterException(spec.commandLine(), "--success-ttl '" + text.replaceAll("\\p{Cntrl}", " ")
                + "' " + why + ": use e.g. P2D (2 days) or PT36H (36 hours), from PT0.001S to P3650D");
    }

    @Override
    int run(TaskOperator operator) {
        // read before the write, which records an entry: a task nothing is known of is likely a misspelt name
        // the lock first: it checks the task, key and date before Redis is touched
        boolean unknown = operator.lock(task, key, date) == null && operator.runs(task, null, null, 1).isEmpty();
        if (!writes.confirmed("Mark " + what() + " completed for " + Format.human(successTtl)
                + ", so that its calls skip?")) {
            return notConfirmed();
        }
        author(operator).complete(task, key, date, successTtl);
        int code = outcome(Exits.OK, "completed", "Marked " + what() + " completed for "
                + Format.human(successTtl) + ": a daily task's calls skip with already_completed (a recurring task reads no success key).");
        if (unknown) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": note: task '" + task + "' has no recorded "
                    + "run and no lock here (key prefix '" + connection.keyPrefix() + "'): check its name and "
                    + "--key-prefix. It is completed all the same.");
        }
        return code;
    }
}
