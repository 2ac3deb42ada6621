package dev.guardedtask.bench;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Many workers, one daily task: for each of {@code dates} fresh dates, {@code threads} threads call
 * the same task for that date at the same moment; a date whose body ran more than once is a double run.
 */
final class ContentionRun {

    /** What one contender did: dates tried, dates run exactly once, double runs (extra executions). */
    record Outcome(String id, int dates, int runOnce, int doubleRuns) {
    }

    private final Clients clients;
    private final Workers workers;

    ContentionRun(Clients clients, Workers workers) {
        this.clients = clients;
        this.workers = workers;
    }

    /** {@code operation} makes the contender's call given the counter its body increments. */
    Outcome measure(String id, Function<LongAdder, Operation> operation, int threads, int dates) {
        clients.flush();
        int runOnce = 0;
        int doubleRuns = 0;
        for (int d = 0; d < dates; d++) {
            LongAdder executions = new LongAdder();
            workers.onceEach(operation.apply(executions), "bench_contention_" + id, Dates.nth(d), threads);
            long runs = executions.sum();
            if (runs == 1) {
                runOnce++;
            } else if (runs > 1) {
                doubleRuns += (int) (runs - 1);
            }
        }
        return new Outcome(id, dates, runOnce, doubleRuns);
    }
}
