package dev.guardedtask.reliability;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * What happened during a failover run: every call (who, task, date, start and end, outcome) and every body
 * (task, date, run, enter and exit, and, for a body that entered once the topology served again, who held
 * its lock when it left). Times are {@code System.nanoTime()} offsets from the log's creation; dates are the
 * ones the test passes. Thread-safe.
 */
final class FailoverLog {

    /**
     * @param outcome {@code success}, {@code skipped/<reason>} or {@code failed/<reason>}
     * @param body the nanoseconds the body ran, 0 if it did not
     */
    record Call(String worker, String task, String date, long start, long end, String outcome, long body,
                List<String> warnings) {

        boolean failed() {
            return outcome.startsWith("failed/");
        }

        /** The call's own time: what the guard and Redis took, the body's run time left out. */
        long overhead() {
            return end - start - body;
        }
    }

    /**
     * @param token the run's fencing token
     * @param lockAtExit who held the run's lock when the body left; {@code null} if not read (see {@link #checkLocksFrom})
     */
    record Body(String worker, String task, String date, String run, long token, long enter, long exit,
                String lockAtExit) {

        boolean checked() {
            return lockAtExit != null;
        }

        /** Checked, and the lock did not name this run: {@code "(none)"} when it was gone. */
        boolean lapsed() {
            return checked() && !lockAtExit.equals(run);
        }
    }

    private final long origin = System.nanoTime();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Body> bodies = new CopyOnWriteArrayList<>();
    private final UnaryOperator<String> readKey;
    private final AtomicInteger unreadableLocks = new AtomicInteger();
    private volatile long checkLocksFrom = Long.MAX_VALUE;

    /** @param readKey a key's value on the topology now, or {@code null} if absent */
    FailoverLog(UnaryOperator<String> readKey) {
        this.readKey = readKey;
    }

    long now() {
        return System.nanoTime() - origin;
    }

    /** Bodies entering from now on read their lock as they leave (earlier ones could not, the primary being down). */
    void checkLocksFromNow() {
        checkLocksFrom = now();
    }

    long checkLocksFrom() {
        return checkLocksFrom;
    }

    /**
     * Calls {@code guard.run(task, date, ...)} with a body that runs {@code work} and is recorded, and records the
     * call; a {@link TaskError} is recorded as {@code failed/<reason>} and not rethrown.
     *
     * @param lock the key of the run's lock that the body reads as it leaves
     */
    TaskResult call(String worker, TaskGuard guard, TaskOptions task, String date, String lock, Runnable work) {
        long[] body = new long[1];
        long start = now();
        TaskResult result;
        try {
            result = guard.run(task, date, r -> {
                long enter = now();
                work.run();
                long exit = now();
                body[0] = exit - enter;
                String owner = enter >= checkLocksFrom ? owner(lock) : null;
                bodies.add(new Body(worker, task.name(), r.date(), r.taskId(), r.fencingToken(), enter, exit, owner));
            });
        } catch (TaskError e) {
            result = e.result();
        }
        String outcome = result.status().name().toLowerCase(Locale.ROOT) + (result.reason() == null ? "" : "/" + result.reason());
        calls.add(new Call(worker, task.name(), date, start, now(), outcome, body[0], result.warnings()));
        return result;
    }

    /** Who holds {@code lock}, {@code "(none)"} if nobody, {@code null} if it could not be read. */
    private String owner(String lock) {
        try {
            return Objects.requireNonNullElse(readKey.apply(lock), "(none)");
        } catch (RuntimeException unreadable) {
            unreadableLocks.incrementAndGet();
            return null;
        }
    }

    /** How many lock reads of bodies that should have been checked failed (those bodies count as unchecked). */
    int unreadableLocks() {
        return unreadableLocks.get();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Body> bodies() {
        return List.copyOf(bodies);
    }
}
