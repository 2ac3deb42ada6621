package dev.guardedtask.bench;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;

/** Guarded no-ops, woven at compile time exactly as a user's methods are: contender (b'). */
public class WovenTasks {

    static final String DAILY = "bench_woven_daily";
    static final String RECURRING = "bench_woven_recurring";
    static final String RECURRING_PER_WORKER = "bench_woven_recurring_keyed";

    @GuardedTask(name = DAILY)
    public void daily(@TaskDate String date) {
        // a no-op body: what is measured is the guard around it
    }

    @GuardedTask(name = RECURRING, recurring = true)
    public void recurring(@TaskDate String date) {
        // a no-op body
    }

    /**
     * A recurring no-op keyed by the calling worker: a recurring task runs one date at a time (its task-level
     * lock), so worker threads sharing one unkeyed task would mostly skip with {@code lock_held}; a key each
     * gives each its own task-level lock, and every call the full path.
     */
    @GuardedTask(name = RECURRING_PER_WORKER, recurring = true)
    public void recurring(@TaskDate String date, @TaskKey String worker) {
        // a no-op body
    }

    /** The same no-op, not annotated: the baseline of the aspect overhead benchmark. */
    public void plain(String date) {
        // a no-op body
    }
}
