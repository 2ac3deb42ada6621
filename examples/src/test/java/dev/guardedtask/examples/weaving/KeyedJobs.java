package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.TaskResult;

import java.math.BigInteger;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A user's class with a guarded method per type {@code @TaskKey} takes, counting how often a body ran. */
class KeyedJobs {

    enum Region { EU_WEST, US }

    final AtomicInteger runs = new AtomicInteger();

    @GuardedTask(name = "export")
    TaskResult export(@TaskKey String customerId, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "by_int")
    TaskResult byInt(TaskResult result, @TaskKey int shard) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "by_long", recurring = true)
    TaskResult byLong(@TaskKey long account, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "by_boxed")
    TaskResult byBoxed(@TaskKey Long account, @TaskDate String date, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "by_uuid")
    TaskResult byUuid(@TaskKey UUID file, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "by_region")
    TaskResult byRegion(@TaskKey Region region, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }

    @GuardedTask(name = "by_big")
    TaskResult byBig(@TaskKey BigInteger id, TaskResult result) {
        runs.incrementAndGet();
        return result;
    }
}
