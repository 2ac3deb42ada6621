package dev.guardedtask.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@code AspectOverhead} (compiled after this class, from {@code src/jmh/java}) with its annotated settings (one forked JVM); ns/op by benchmark method. */
final class JmhRun {

    private JmhRun() {
    }

    static final String BENCHMARK = "dev.guardedtask.bench.AspectOverhead";

    static Map<String, double[]> aspectOverhead() throws RunnerException {
        Map<String, double[]> nanos = new LinkedHashMap<>();
        for (RunResult run : new Runner(new OptionsBuilder()
                .include(BENCHMARK + ".*").build()).run()) {
            var score = run.getPrimaryResult();
            nanos.put(run.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    new double[] {score.getScore(), score.getScoreError()});
        }
        return nanos;
    }
}
