package dev.guardedtask.bench;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;

/** Guarded no-ops, woven at compile time exactly as a user's methods are: contender (b'). */
public class WovenTasks {

    static final String DAILY = "bench_woven_daily";
    static final String RECURRING = "bench_woven_recurring";

    @GuardedTask(name = DAILY)
    public void daily(@TaskDate String date) {
        // a no-op body: what is measured is the guard around it
    }

    @GuardedTask(name = RECURRING, recurring = true)
    public void recurring(@TaskDate String date) {
        // a no-op body
    }

    /** The same no-op, not annotated: the baseline of the aspect overhead benchmark. */
    public void plain(String date) {
        // a no-op body
    }
}
