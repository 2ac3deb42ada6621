package dev.guardedtask.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench in miniature, so it cannot rot: tiny rounds on an embedded Redis, every row and section
 * present, (b) never ran a date twice. No timing is asserted. The JMH part is proven by its
 * generated benchmark list (running it forks a JVM for half a minute).
 */
class BenchSmokeTest {

    private static final BenchOptions TINY = new BenchOptions(null, 1, 0, 0.05, 8, List.of(1, 10, 100), 50, 5, false, 0, 0);

    @Test
    void runsEveryContenderAndSectionWithoutDoubleRunsOfTheGuard() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = Bench.run(TINY, new PrintStream(printed, true, StandardCharsets.UTF_8));
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(report.rows()).extracting(row -> row.contender().id())
                .containsExactly("a", "b", "b-rec", "b-nohist", "b'", "b'-rec", "c", "d", "e");
        assertThat(report.rows()).allSatisfy(row -> assertThat(row.single() * row.multi()).isPositive());
        for (String id : List.of("a", "b", "b-rec", "b-nohist", "b'", "b'-rec", "c", "d", "e")) {
            assertThat(text).contains("| " + id + " | ");
        }
        assertThat(report.scale()).extracting(ScaleRun.Level::tasks).containsExactly(1, 10, 100);
        assertThat(report.contention()).extracting(ContentionRun.Outcome::id).containsExactly("b", "c");
        ContentionRun.Outcome guarded = report.contention().get(0);
        assertThat(guarded.doubleRuns()).isZero();
        assertThat(guarded.runOnce()).isEqualTo(5);
        assertThat(text).contains("Scale:", "Contention:", "(b)/(c):");
    }

    @Test
    void jmhBenchmarkListIsGeneratedForTheWovenCall() throws Exception {
        Path list = Path.of("target/classes/META-INF/BenchmarkList");
        assertThat(list).exists();
        assertThat(Files.readString(list)).contains(JmhRun.BENCHMARK + " ", "wovenCall", "engineRun", "engineRunOneListener", "plainCall");
    }
}
