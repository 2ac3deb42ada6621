package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "runs", description = {"A task's history, newest first: its finished runs (status, how long, worker, "
        + "reason, errors, warnings, counters) and the operators' writes (who, when).",
        "Workers that record no history (Python workers, guards with history off) leave none. A KEY column shows "
        + "a keyed run's key (@TaskKey) when any entry has one; an unkeyed entry's is -."})
final class RunsCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "TASK", description = "The task name.")
    private String task;

    @Option(names = "--key", paramLabel = "KEY", description = "Only entries of this key (@TaskKey): its runs and "
            + "the writes on its lock or success key.")
    private String key;

    @Option(names = "--date", paramLabel = "YYYYMMDD", description = "Only entries for this date.")
    private String date;

    @Option(names = "--status", paramLabel = "STATUS", converter = StatusFilter.class,
            description = "Only runs that ended so: success or failed.")
    private TaskStatus status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N entries (default: 20).")
    private int limit;

    @Override
    int run(TaskOperator operator) {
        List<Run> runs = operator.runs(task, key, date, status, limit);
        if (connection.json()) {
            printJson(runs.stream().map(JsonView::run).toList());
            return Exits.OK;
        }
        boolean keyed = runs.stream().anyMatch(run -> run.key() != null);
        Table table = keyed
                ? new Table(List.of("ENDED (UTC)", "DATE", "KEY", "WHAT", "TOOK", "WORKER / BY", "DETAIL"),
                        20, 8, 12, 9, 7, 14)
                : new Table(List.of("ENDED (UTC)", "DATE", "WHAT", "TOOK", "WORKER / BY", "DETAIL"), 20, 8, 9, 7, 18);
        for (Run run : runs) {
            List<String> cells = new ArrayList<>(List.of(Format.utc(run.ended()), String.valueOf(run.date()), what(run),
                    Format.human(run.duration()), String.valueOf(run.action() == Action.RUN ? run.worker() : run.by()),
                    detail(run)));
            if (keyed) {
                cells.add(2, run.key() == null ? Format.NONE : run.key());
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out());
        if (runs.isEmpty()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": note: no entry for task '" + task + "'"
                    + (key == null && date == null && status == null ? "" : " with these filters") + " under key prefix '"
                    + connection.keyPrefix() + "': check the task name and --key-prefix (workers that record no "
                    + "history, Python workers and guards with history off, leave none).");
        }
        return Exits.OK;
    }

    /** {@code success} or {@code failed}, in any case: the statuses a history records. */
    static final class StatusFilter implements ITypeConverter<TaskStatus> {

        @Override
        public TaskStatus convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "success" -> TaskStatus.SUCCESS;
                case "failed" -> TaskStatus.FAILED;
                default -> throw new TypeConversionException("'" + value + "' is no status a history records; "
                        + "use success or failed");
            };
        }
    }

    private static String what(Run run) {
        return switch (run.action()) {
            case RUN -> run.status() == null ? "run" : run.status().name().toLowerCase(Locale.ROOT);
            case RELEASE -> "released";
            case FORGET -> "forgot";
            case COMPLETE -> "completed";
        };
    }

    /** A run's reason, errors, warnings and counters; a release's lock holder. */
    private static String detail(Run run) {
        List<String> parts = new ArrayList<>();
        if (run.action() == Action.RELEASE) {
            parts.add("run " + run.taskId() + (run.worker() == null ? "" : " of " + run.worker()));
            if (run.forced()) {
                parts.add("forced");
            }
        }
        if (run.reason() != null) {
            parts.add(run.reason());
        }
        run.errors().forEach(error -> parts.add("error: " + error));
        run.warnings().forEach(warning -> parts.add("warning: " + warning));
        if (run.lockLost()) {
            parts.add("lock lost");
        }
        run.counters().forEach((name, count) -> parts.add(name + "=" + count));
        return parts.isEmpty() ? Format.NONE : String.join(", ", parts);
    }
}
