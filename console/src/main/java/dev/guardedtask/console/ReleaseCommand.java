package dev.guardedtask.console;

import dev.guardedtask.TaskOperator;
import dev.guardedtask.TaskOperator.Lock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

@Command(name = "release", description = {"Delete a task's lock for a date (and a recurring task's task-level lock "
        + "held by the same run), and record it in the task's history.",
        "Refused unless --force if the holder renewed it within the last half of its lock timeout (a live run renews "
        + "every third), or its worker records no history so its age is unknown: such a lock is refused before asking. "
        + "A run still running goes on, and finds its lock lost when it renews or ends."})
final class ReleaseCommand extends WriteCommand {

    @Option(names = "--force", description = "Release even a lock whose holder looks alive.")
    private boolean force;

    @Override
    int run(TaskOperator operator) {
        Lock lock = operator.lock(task, key, date);
        if (lock == null) {
            return outcome(Exits.REFUSED, "not_held", "No lock is held for " + what() + ": nothing to release."
                    + keyedHint(operator));
        }
        if (!force && lock.looksLive()) { // the script's rule, on what was just read: asking would be in vain
            return refusedAsLive(lock);
        }
        if (!writes.confirmed("Release the lock of " + what() + " held by run " + lock.taskId() + " ("
                + holder(lock) + ")?")) {
            return notConfirmed();
        }
        return switch (author(operator).release(task, key, date, force)) {
            case RELEASED -> outcome(Exits.OK, "released", "Released the lock of " + what() + " (run "
                    + lock.taskId() + ").");
            case NOT_HELD -> outcome(Exits.REFUSED, "not_held", "No lock is held for " + what()
                    + " any more: nothing to release.");
            case LIVE -> refusedAsLive(lock);
        };
    }

    private int refusedAsLive(Lock lock) {
        return outcome(Exits.REFUSED, "live", "Not released: " + live(lock) + ". Add --force to release it anyway.");
    }

    private String holder(Lock lock) {
        if (lock.worker() == null) {
            return "a worker that records no history";
        }
        return "worker " + lock.worker() + (lock.started() == null ? "" : ", running for "
                + Format.human(Duration.between(lock.started(), connection.clock().instant())))
                + (lock.sinceRenewal() == null ? "" : ", renewed " + Format.human(lock.sinceRenewal()) + " ago");
    }

    private static String live(Lock lock) {
        return lock.sinceRenewal() == null
                ? "its holder (run " + lock.taskId() + ") records no history (a Python worker, or a guard with history "
                + "off), so whether it still runs is unknown"
                : "its holder (run " + lock.taskId() + ") renewed it " + Format.human(lock.sinceRenewal()) + " ago, "
                + "within the last half of its " + Format.human(lock.lockTimeout()) + " lock timeout: it looks alive";
    }

    /** Without {@code --key}, where the task holds keyed locks for the date: how to name them. */
    private String keyedHint(TaskOperator operator) {
        if (key != null) {
            return "";
        }
        List<String> keys = operator.locks().stream()
                .filter(held -> held.task().equals(task) && date.equals(held.date()) && held.key() != null)
                .map(Lock::key).toList();
        return keys.isEmpty() ? "" : " Its keyed locks for that date: " + String.join(", ", keys)
                + "; name one with --key.";
    }
}
