package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Command;

@Command(name = "complete", description = "Set a task's success key for a date for the success TTL of the guards' "
        + "defaults (1 day), so that calls for it skip with already_completed, and record it in the task's history.")
final class CompleteCommand extends WriteCommand {

    @Override
    int run(TaskOperator operator) {
        if (!writes.confirmed("Mark " + what() + " completed, so that its calls skip?")) {
            return notConfirmed();
        }
        author(operator).complete(task, date);
        return outcome(Exits.OK, "completed", "Marked " + what() + " completed: its calls skip with "
                + "already_completed.");
    }
}
