package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Daily guarded methods used as chain steps: a diamond, ingest -> (parse, fetch) -> publish. */
class PipelineJobs {

    final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    volatile boolean parseFails;
    volatile CyclicBarrier meeting;

    @GuardedTask(name = "ch_ingest")
    TaskResult ingest(@TaskDate String date, TaskResult result) {
        ran.add("ingest");
        return result;
    }

    @GuardedTask(name = "ch_parse")
    TaskResult parse(@TaskDate String date, TaskResult result) throws Exception {
        meet();
        if (parseFails) {
            throw new IllegalStateException("parser crashed");
        }
        ran.add("parse");
        return result;
    }

    @GuardedTask(name = "ch_fetch")
    TaskResult fetch(@TaskDate String date, TaskResult result) throws Exception {
        meet();
        ran.add("fetch");
        return result;
    }

    @GuardedTask(name = "ch_publish")
    TaskResult publish(@TaskDate String date, TaskResult result) {
        ran.add("publish");
        return result;
    }

    /** With a meeting set, returns only once the other middle step runs at the same time. */
    private void meet() throws Exception {
        if (meeting != null) {
            meeting.await(10, TimeUnit.SECONDS);
        }
    }
}
