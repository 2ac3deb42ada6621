package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A write on one task and date, and a key with {@code --key}: asks first unless {@code --yes}, records who did it
 * ({@code --as}).
 */
abstract class WriteCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "TASK", description = "The task name.")
    String task;

    @Parameters(index = "1", paramLabel = "DATE", description = "The date, YYYYMMDD.")
    String date;

    @Option(names = "--key", paramLabel = "KEY", description = "The run's key (@TaskKey): write that key's lock "
            + "or success key (default: the unkeyed one).")
    String key;

    @Mixin
    Writes writes;

    /** {@code task 'report' for 20261128}, or {@code task 'report' key 'tenant-1' for 20261128}. */
    String what() {
        return "task '" + task + "'" + (key == null ? "" : " key '" + key + "'") + " for " + date;
    }

    int notConfirmed() {
        return outcome(Exits.REFUSED, "not_confirmed", "Nothing done: not confirmed.");
    }

    /** The operator that records the write as by {@code --as}. */
    TaskOperator author(TaskOperator operator) {
        return writes.author(operator);
    }
}
