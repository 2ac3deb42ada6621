package dev.guardedtask.examples;

import com.google.inject.Guice;
import com.google.inject.name.Names;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;
import dev.guardedtask.guice.GuardedTaskModule;
import dev.guardedtask.micrometer.TaskMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Several workers against one Redis, every key under the options' prefix: each runs the chain once at
 * start, then every tick each worker calls both tasks on its own thread. A worker still busy with a long
 * refresh starts its next tick late, as a real scheduler thread would.
 */
final class Simulation {

    private final Options options;
    private final String redisUri;
    private final Clock clock;
    private final PrintStream out;
    private final Workload workload;
    /** Every worker's guard reports here (guardedtask-micrometer); the summary prints it. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /**
     * @param redisUri the Redis to use, {@code null} with {@code options.redissonConfig()}
     * @param clock what every worker's guard takes "today" from
     */
    Simulation(Options options, String redisUri, Clock clock, PrintStream out) {
        this.options = options;
        this.redisUri = redisUri;
        this.clock = clock;
        this.out = out;
        this.workload = new Workload(options.tickMillis());
    }

    /**
     * Connects every worker, runs the chains, then the ticks. Nothing is printed until every worker's
     * chain has ended, so a Redis that cannot be used at all gets one error and no half a report.
     *
     * @throws CannotRun if a worker's guard cannot be built or connect, or Redis refused the first call of
     *     every worker; nothing has been printed then
     */
    Summary run() throws InterruptedException {
        List<TaskGuard> guards = new ArrayList<>();
        List<ExecutorService> threads = new ArrayList<>();
        try {
            List<Worker> workers = startWorkers(guards, threads);
            String today = guards.get(0).today();
            List<Outcome> outcomes = new ArrayList<>(collect(chains(workers, threads)));
            Optional<String> refused = refusedEverywhere(outcomes);
            if (refused.isPresent()) {
                throw new CannotRun(forCommandLine(refused.get()), null);
            }
            printHeader(today, guards.get(0).zone(), guards.get(0).keyScheme());
            new ChainLines(outcomes).print(today, out);
            printTicksHeader();
            outcomes.addAll(collect(ticks(workers, threads)));
            return new Summary(options, today, outcomes, workload, guards.get(0).keyScheme(), meters);
        } finally {
            threads.forEach(ExecutorService::shutdownNow);
            GuardedTasks.installed().filter(guards::contains).ifPresent(installed -> GuardedTasks.uninstall());
            closeAll(guards);
        }
    }

    /**
     * The TaskError message of the first chain call, if no chain call of any worker got through: each failed
     * {@code backend_refused} or {@code backend_unavailable} (the steps after it were not called). Redis then
     * accepted the connection but refuses the example's commands (an ACL without its keys or commands, say:
     * {@code backend_refused}), or went away right after the workers connected ({@code backend_unavailable});
     * the message says which. Running the ticks would only print the
     * same failure for every call. An outage later in the run is not this: its calls are reported as
     * failed, one by one, and fail the summary's check that Redis served every call.
     */
    static Optional<String> refusedEverywhere(List<Outcome> chains) {
        List<Outcome> calls = chains.stream()
                .filter(o -> !TaskResult.DEPENDENCY_NOT_MET.equals(o.reason())).toList();
        boolean noneServed = !calls.isEmpty()
                && calls.stream().allMatch(Outcome::notServed);
        return noneServed ? Optional.of(calls.get(0).message().isEmpty()
                ? calls.get(0).error() : calls.get(0).message()) : Optional.empty();
    }

    /** A guard (with its own Redis client) and a thread per worker, each added to its list as soon as it exists. */
    private List<Worker> startWorkers(List<TaskGuard> guards, List<ExecutorService> threads) {
        List<Worker> workers = new ArrayList<>();
        TaskMetrics metrics = new TaskMetrics(meters, clock);
        for (int i = 1; i <= options.workers(); i++) {
            String name = "worker-" + i;
            TaskGuard guard = connect(options, redisUri, clock, name, metrics);
            guards.add(guard);
            workers.add(worker(name, guard));
            threads.add(Executors.newSingleThreadExecutor(task -> new Thread(task, name)));
        }
        return workers;
    }

    /**
     * A guard on the options' Redis and key prefix, its runs recorded as {@code worker}'s.
     *
     * @param listeners told of every run of the guard
     * @throws CannotRun if it cannot be built or connect
     */
    static TaskGuard connect(Options options, String redisUri, Clock clock, String worker, TaskListener... listeners) {
        try {
            TaskGuard.Builder builder = TaskGuard.builder();
            for (TaskListener listener : listeners) {
                builder.listener(listener);
            }
            if (redisUri != null) {
                builder.redis(redisUri);
            } else {
                builder.redissonConfig(options.redissonConfig());
            }
            return builder.keyPrefix(options.keyPrefix()).workerName(worker).clock(clock).build();
        } catch (IllegalStateException | IllegalArgumentException e) { // cannot connect; a URI or prefix refused
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CannotRun(forCommandLine(message.lines().findFirst().orElse("")), e);
        }
    }

    /**
     * The library's message without the advice meant for a program that builds its own Redis client
     * ("..., or pass your own RedissonClient"): here the one setting is {@code --redis}. The cause stays.
     */
    static String forCommandLine(String message) {
        return message.replaceFirst(",? or [^,;:]*RedissonClient.*$", ".");
    }

    private void printHeader(String today, ZoneId zone, KeyScheme keyScheme) {
        out.printf("%s, %s of %d ms, Redis %s%s%n", Summary.count(options.workers(), "worker"),
                Summary.count(options.ticks(), "tick"), options.tickMillis(), redisUri == null
                        ? "from " + options.redissonConfig() + " (" + keyScheme + " keys)"
                        : "at " + redisUri.replaceAll("//.*@", "//***@"), options.embedded() ? " (embedded)" : "");
        out.printf("Every key starts with '%s'. Today is %s (%s).%n%n", options.keyPrefix(), today, zone);
    }

    private void printTicksHeader() {
        out.printf("%nTicks: every worker calls %s (daily), then %s (recurring).%n", Summary.DAILY, Summary.RECURRING);
        out.printf("A line appears when its call ends, so a long %s shows up among the next tick's lines.%n",
                Summary.RECURRING);
    }

    private Worker worker(String name, TaskGuard guard) {
        return Guice.createInjector(new GuardedTaskModule(guard), binder -> {
            binder.bindConstant().annotatedWith(Names.named("worker")).to(name);
            binder.bind(Workload.class).toInstance(workload);
            binder.bindConstant().annotatedWith(Names.named("failStep")).to(options.failStep());
        }).getInstance(Worker.class);
    }

    private List<Future<List<Outcome>>> chains(List<Worker> workers, List<ExecutorService> threads) {
        List<Future<List<Outcome>>> chains = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            chains.add(threads.get(w).submit(workers.get(w)::runChain));
        }
        return chains;
    }

    private List<Future<List<Outcome>>> ticks(List<Worker> workers, List<ExecutorService> threads)
            throws InterruptedException {
        List<Future<List<Outcome>>> ticks = new ArrayList<>();
        long start = System.nanoTime();
        for (int tick = 1; tick <= options.ticks(); tick++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos((tick - 1) * options.tickMillis());
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            for (int w = 0; w < workers.size(); w++) {
                Worker worker = workers.get(w);
                int number = tick;
                ticks.add(threads.get(w).submit(() -> worker.tick(number, outcome -> print(outcome.line()))));
            }
        }
        return ticks;
    }

    private static List<Outcome> collect(List<Future<List<Outcome>>> calls) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> call : calls) {
            try {
                outcomes.addAll(call.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("A worker failed: " + e.getCause(), e.getCause());
            }
        }
        return outcomes;
    }

    /** Closes every guard, so that its client's threads end, even if closing another one throws. */
    private static void closeAll(List<TaskGuard> guards) {
        RuntimeException failure = null;
        for (TaskGuard guard : guards) {
            try {
                guard.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    /**
     * The simulation cannot run: a worker's guard could not be built or connect (Redis unreachable, a
     * refused login, a URI the library rejects), or Redis refused every worker's first call. The message
     * is one line, the library's.
     */
    static final class CannotRun extends RuntimeException {

        CannotRun(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
