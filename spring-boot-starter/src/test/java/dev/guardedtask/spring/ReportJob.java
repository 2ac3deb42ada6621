package dev.guardedtask.spring;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskResult;

import java.util.concurrent.atomic.AtomicInteger;

/** A Spring bean with a guarded method, woven at compile time (this module's tests are compiled by ajc). */
public class ReportJob {

    final AtomicInteger bodies = new AtomicInteger();

    @GuardedTask(name = "woven_report")
    public TaskResult report(@TaskDate String date, TaskResult result) {
        bodies.incrementAndGet();
        result.add("rows", 3);
        return result;
    }
}
