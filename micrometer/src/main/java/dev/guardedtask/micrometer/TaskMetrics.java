package dev.guardedtask.micrometer;

import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of a guard's runs, a {@link TaskListener}:
 * {@code TaskGuard.builder().listener(new TaskMetrics(registry))}. One instance may serve several guards (the
 * meters add up per task). Every tag is bounded: the task name, the status, a reason; never the date or the
 * task id.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #RUNS}</td><td>counter</td><td>task, status, reason</td>
 *       <td>calls by outcome: status {@code success}, {@code failed} or {@code skipped}; reason the result's,
 *       {@code none} without one</td></tr>
 *   <tr><td>{@value #DURATION}</td><td>timer</td><td>task, status</td>
 *       <td>calls that were not skipped, acquire to release, on the guard's clock</td></tr>
 *   <tr><td>{@value #ACTIVE}</td><td>gauge</td><td>task</td><td>bodies running now in this process</td></tr>
 *   <tr><td>{@value #LOCK_LOST}</td><td>counter</td><td>task</td><td>runs whose lock was lost mid-body</td></tr>
 *   <tr><td>{@value #STORE_ERRORS}</td><td>counter</td><td>task, kind</td>
 *       <td>Redis unreachable or refusing, too few replicas: kind {@code backend_unavailable},
 *       {@code backend_refused}, {@code not_replicated} or {@code guard_error}</td></tr>
 *   <tr><td>{@value #LAST_SUCCESS}</td><td>gauge, seconds</td><td>task</td>
 *       <td>epoch seconds of the last success this process saw (registered at the first one)</td></tr>
 * </table>
 *
 * <p>Thread-safe. Each call costs a few map look-ups; no I/O.
 */
public final class TaskMetrics implements TaskListener {

    /** Counter of calls, tags {@code task}, {@code status}, {@code reason}. */
    public static final String RUNS = "guardedtask.runs";
    /** Timer of the calls that were not skipped, tags {@code task}, {@code status}. */
    public static final String DURATION = "guardedtask.run.duration";
    /** Gauge of the bodies running now, tag {@code task}. */
    public static final String ACTIVE = "guardedtask.runs.active";
    /** Counter of runs that lost their lock mid-body, tag {@code task}. */
    public static final String LOCK_LOST = "guardedtask.lock.lost";
    /** Counter of store errors, tags {@code task}, {@code kind}. */
    public static final String STORE_ERRORS = "guardedtask.store.errors";
    /** Gauge, in seconds since the epoch, of the last success seen, tag {@code task}. */
    public static final String LAST_SUCCESS = "guardedtask.last.success";

    /** The {@code reason} tag's value for a result without a reason. */
    public static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final Clock clock;
    private final MeterProvider<Counter> runs;
    private final MeterProvider<Timer> durations;
    private final MeterProvider<Counter> lockLost;
    private final MeterProvider<Counter> storeErrors;
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    /** The runs between started and finished (TaskResult is compared by identity). */
    private final Set<TaskResult> running = ConcurrentHashMap.newKeySet();

    /**
     * Meters in {@code registry}; the last success is taken from the system clock.
     *
     * @param registry where the meters are registered
     */
    public TaskMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /**
     * Meters in {@code registry}; {@code clock} gives the time of {@value #LAST_SUCCESS} (durations come from
     * the guard's own clock).
     *
     * @param registry where the meters are registered
     * @param clock the clock of {@value #LAST_SUCCESS}
     * @throws NullPointerException if an argument is null
     */
    public TaskMetrics(MeterRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        runs = Counter.builder(RUNS)
                .description("Calls of a guarded task by outcome: success, failed, or skipped (with the reason)")
                .withRegistry(registry);
        durations = Timer.builder(DURATION)
                .description("Time of the guarded calls that were not skipped, from acquiring the lock to releasing it")
                .withRegistry(registry);
        lockLost = Counter.builder(LOCK_LOST)
                .description("Runs whose lock expired or was taken while the body ran")
                .withRegistry(registry);
        storeErrors = Counter.builder(STORE_ERRORS)
                .description("Redis unreachable or refusing a call, or too few replicas acknowledging it, by kind")
                .withRegistry(registry);
    }

    @Override
    public void skipped(TaskResult result) {
        count(result);
    }

    @Override
    public void started(TaskResult result) {
        running.add(result);
        active(result.task()).incrementAndGet();
    }

    @Override
    public void lockLost(TaskResult result) {
        lockLost.withTags("task", result.task()).increment();
    }

    @Override
    public void storeError(TaskResult result, String reason, String message) {
        storeErrors.withTags("task", result.task(), "kind", String.valueOf(reason)).increment();
    }

    @Override
    public void finished(TaskResult result, Duration duration) {
        if (running.remove(result)) {
            active(result.task()).decrementAndGet();
        }
        count(result);
        durations.withTags("task", result.task(), "status", status(result)).record(duration);
        if (result.status() == TaskStatus.SUCCESS) {
            lastSuccess(result.task()).set(clock.millis());
        }
    }

    private void count(TaskResult result) {
        String reason = result.reason() == null ? NO_REASON : result.reason();
        runs.withTags("task", result.task(), "status", status(result), "reason", reason).increment();
    }

    private static String status(TaskResult result) {
        return result.status().name().toLowerCase(Locale.ROOT);
    }

    private AtomicInteger active(String task) {
        return active.computeIfAbsent(task, t -> {
            AtomicInteger running = new AtomicInteger();
            Gauge.builder(ACTIVE, running, AtomicInteger::get)
                    .description("Bodies of the task running now in this process")
                    .tag("task", t).strongReference(true).register(registry);
            return running;
        });
    }

    private AtomicLong lastSuccess(String task) {
        return lastSuccess.computeIfAbsent(task, t -> {
            AtomicLong millis = new AtomicLong();
            Gauge.builder(LAST_SUCCESS, millis, m -> m.get() / 1000.0)
                    .description("When this process last saw the task succeed, in seconds since the epoch")
                    .baseUnit("seconds").tag("task", t).strongReference(true).register(registry);
            return millis;
        });
    }
}
