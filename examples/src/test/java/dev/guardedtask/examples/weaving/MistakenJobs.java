package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;

/** Methods with mistakes that compile: each must fail at its call, with a message, before Redis is touched. */
class MistakenJobs {

    @GuardedTask(name = "daily report")
    void nameWithASpace() {
    }

    @GuardedTask(name = "lock:report")
    void nameWithAColon() {
    }

    @GuardedTask(name = "t_lock", lockTimeout = "10 minutes")
    void lockTimeoutNotIso() {
    }

    @GuardedTask(name = "t_zero", lockTimeout = "PT0S")
    void lockTimeoutZero() {
    }

    @GuardedTask(name = "t_ttl", successTtl = "P1M")
    void successTtlInMonths() {
    }

    @GuardedTask(name = "t_negative", successTtl = "-PT1H")
    void successTtlNegative() {
    }

    @GuardedTask(name = "t_date")
    void dated(@TaskDate String date) {
    }
}
