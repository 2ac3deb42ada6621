package dev.guardedtask.examples.interplay;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskResult;

/** A guarded method that both user aspects advise. */
public class InterplayJobs {

    @GuardedTask(name = "task_interplay_report")
    public TaskResult report() {
        Trace.add("body");
        return null; // the guard returns the run's result
    }
}
