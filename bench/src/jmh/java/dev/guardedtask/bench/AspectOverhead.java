package dev.guardedtask.bench;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The aspect's own overhead, on the in-memory store so no network is measured: a plain call of a
 * no-op, the same no-op run through {@code TaskGuard.run} (the engine alone), and through a woven
 * {@code @GuardedTask} method (aspect + engine). Recurring tasks, so every call takes the full path
 * (acquire, body, release) on the same date. {@code engineRunOneListener} is {@code engineRun} on a guard
 * with one no-op {@link TaskListener}: beside {@code engineRun} (none registered), what a listener costs.
 *
 * <p>Lives in {@code src/jmh/java}, compiled by javac with JMH's annotation processor after ajc has
 * compiled and woven {@link WovenTasks} (see the pom: ajc 1.9.27 fails inside JMH's processor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class AspectOverhead {

    private static final String DATE = "20260301";

    private TaskGuard guard;
    private TaskGuard listened;
    private WovenTasks tasks;
    private TaskOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        guard = TaskGuard.builder().inMemory().build();
        listened = TaskGuard.builder().inMemory().listener(new TaskListener() { }).build();
        GuardedTasks.install(guard);
        tasks = new WovenTasks();
        options = TaskOptions.recurring(WovenTasks.RECURRING);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        GuardedTasks.uninstall();
        guard.close();
        listened.close();
    }

    @Benchmark
    public void plainCall() {
        tasks.plain(DATE);
    }

    @Benchmark
    public Object engineRun() {
        return guard.run(options, DATE, result -> { });
    }

    @Benchmark
    public Object engineRunOneListener() {
        return listened.run(options, DATE, result -> { });
    }

    @Benchmark
    public void wovenCall() {
        tasks.recurring(DATE);
    }
}
