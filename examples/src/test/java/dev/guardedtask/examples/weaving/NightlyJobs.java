package dev.guardedtask.examples.weaving;

import com.google.inject.Inject;
import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskResult;

import java.util.concurrent.atomic.AtomicInteger;

/** A class a Guice injector builds. */
class NightlyJobs {

    final AtomicInteger runs = new AtomicInteger();

    @Inject
    NightlyJobs() {
    }

    @GuardedTask(name = "nightly")
    TaskResult run(TaskResult result) {
        runs.incrementAndGet();
        return result;
    }
}
