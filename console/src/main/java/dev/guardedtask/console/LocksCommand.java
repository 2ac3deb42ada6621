package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskOperator.Lock;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "locks", description = {"The locks held now, by task, date and key: the run holding it, its worker, "
        + "how long it runs, when it was last renewed, the time left and the lock timeout.",
        "A KEY column shows a keyed run's key (@TaskKey) when any lock is keyed; an unkeyed lock's is -.",
        "A lock of a worker that records no history (a Python worker) shows its run id and time left only. Reads "
        + "with SCAN (every master of a cluster)."})
final class LocksCommand extends OperatorCommand {

    @Override
    int run(TaskOperator operator) {
        List<Lock> locks = operator.locks();
        if (connection.json()) {
            printJson(locks.stream().map(JsonView::lock).toList());
            return Exits.OK;
        }
        if (locks.isEmpty()) {
            out().println("No lock is held now.");
            out().flush();
            return Exits.OK;
        }
        boolean keyed = locks.stream().anyMatch(lock -> lock.key() != null);
        Table table = keyed
                ? new Table(List.of("TASK", "KEY", "DATE", "RUN ID", "WORKER", "RUNNING", "RENEWED", "LEFT", "TIMEOUT"),
                        16, 12, 8, 8, 12, 7, 10, 7)
                : new Table(List.of("TASK", "DATE", "RUN ID", "WORKER", "RUNNING", "RENEWED", "LEFT", "TIMEOUT"),
                        20, 8, 8, 16, 7, 10, 7);
        for (Lock lock : locks) {
            List<String> cells = new ArrayList<>(List.of(lock.task(), lock.date(), lock.taskId(),
                    lock.worker() == null ? Format.NONE : lock.worker(),
                    lock.started() == null ? Format.NONE
                            : Format.human(Duration.between(lock.started(), connection.clock().instant())),
                    lock.sinceRenewal() == null ? Format.NONE : Format.human(lock.sinceRenewal()) + " ago",
                    Format.human(lock.timeLeft()), Format.human(lock.lockTimeout())));
            if (keyed) {
                cells.add(1, lock.key() == null ? Format.NONE : lock.key());
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out());
        return Exits.OK;
    }
}
