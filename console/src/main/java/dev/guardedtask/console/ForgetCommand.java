package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Command;

@Command(name = "forget", description = "Delete a task's success key for a date, so that its next call runs it "
        + "again, and record it in the task's history (nothing is recorded if there was none).")
final class ForgetCommand extends WriteCommand {

    @Override
    int run(TaskOperator operator) {
        if (!writes.confirmed("Forget the completion of " + what() + ", so that its next call runs it again?")) {
            return notConfirmed();
        }
        return author(operator).forget(task, key, date)
                ? outcome(Exits.OK, "forgotten", "Forgot the completion of " + what() + ": its next call runs it.")
                : outcome(Exits.REFUSED, "not_completed", "No completion of " + what() + ": nothing to forget.");
    }
}
