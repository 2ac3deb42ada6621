package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

@Command(name = "tasks", description = {"Every task with keys under the prefix: its last run, its counts (runs that "
        + "succeeded and failed, calls skipped as Redis sees them: already_completed and lock_held; a chain step "
        + "skipped with dependency_not_met never reaches Redis), the dates running now (every lock held, keyed runs' "
        + "included: +N counts the others; locks shows their keys) and the dates completed.",
        "Tasks of workers that record no history (Python workers, guards with history off) show their locks and "
        + "completed dates only. Reads with SCAN (every master of a cluster)."})
final class TasksCommand extends OperatorCommand {

    @Override
    int run(TaskOperator operator) {
        List<Task> tasks = operator.tasks();
        if (connection.json()) {
            printJson(tasks.stream().map(JsonView::task).toList());
            return Exits.OK;
        }
        if (tasks.isEmpty()) {
            out().println(noTask(connection.keyPrefix()));
            out().flush();
            return Exits.OK;
        }
        Table table = new Table(List.of("TASK", "LAST RUN", "OK", "FAILED", "SKIPPED", "RUNNING", "COMPLETED"),
                30, 24, 6, 6, 7, 20);
        for (Task task : tasks) {
            table.row(task.name(), lastRun(task.lastRun()), Long.toString(task.successes()),
                    Long.toString(task.failures()),
                    Long.toString(task.skips().values().stream().mapToLong(Long::longValue).sum()),
                    running(task.running()), newest(task.completedDates()));
        }
        table.print(out());
        return Exits.OK;
    }

    /** What {@code tasks} prints when no task has a key under {@code prefix}: where it looked, and the likely fix. */
    static String noTask(String prefix) {
        return "No task found under key prefix '" + prefix + "' in this database (keys " + prefix + "lock:*, "
                + prefix + "success:*, " + prefix + "history:*, " + prefix + "stats:*). Guards with a key prefix "
                + "need --key-prefix, e.g. the example's: --key-prefix guardedtask-example:";
    }

    private String lastRun(Run run) {
        return run == null ? Format.NONE
                : run.status().name().toLowerCase(Locale.ROOT) + " " + Format.ago(run.ended(), connection.clock());
    }

    /** The oldest date running, for how long if known, and how many more. */
    private String running(List<Lock> locks) {
        if (locks.isEmpty()) {
            return Format.NONE;
        }
        Lock first = locks.get(0);
        String elapsed = first.started() == null ? ""
                : " " + Format.human(Duration.between(first.started(), connection.clock().instant()));
        return first.date() + elapsed + more(locks.size());
    }

    private static String newest(List<String> dates) {
        return dates.isEmpty() ? Format.NONE : dates.get(0) + more(dates.size());
    }

    private static String more(int count) {
        return count > 1 ? " +" + (count - 1) : "";
    }
}
