package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;

/**
 * A method whose mistakes only its calls show: each must fail there, with a message, before Redis is touched.
 * (Mistakes in the annotation itself fail the build: {@link BuildRejectsTest}.)
 */
class MistakenJobs {

    @GuardedTask(name = "t_date")
    void dated(@TaskDate String date) {
    }
}
