package dev.guardedtask.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench in miniature, so it cannot rot: tiny rounds on an embedded Redis, every row, thread count and
 * section present, (b) never ran a date twice, the server breakdown counts exactly two script calls per guarded
 * run, and the options are validated. No timing is asserted. The JMH part is proven by its generated benchmark
 * list (running it forks a JVM for half a minute).
 */
class BenchSmokeTest {

    private static final List<Integer> THREADS = List.of(1, 4, 8);
    private static final BenchOptions TINY = new BenchOptions(null, 1, 0, 0.05, THREADS, List.of(), List.of(1, 10, 100),
            50, 5, false, 0, 0);

    private static String print(Report report, ByteArrayOutputStream printed) {
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** One tiny run of every row, shared by the tests that read it (a run takes seconds). */
    private static Report report;
    private static String text;

    @BeforeAll
    static void runTheBenchInMiniature() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report = Bench.run(TINY, new PrintStream(printed, true, StandardCharsets.UTF_8));
        text = print(report, printed);
    }

    @Test
    void runsEveryContenderThreadCountAndSectionWithoutDoubleRunsOfTheGuard() {
        assertThat(report.rows()).extracting(row -> row.contender().id()).containsExactlyElementsOf(Contenders.IDS);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.cells()).containsOnlyKeys(THREADS);
            row.cells().values().forEach(cell -> {
                assertThat(cell.opsPerSecond()).isPositive();
                assertThat(cell.p50Micros()).isLessThanOrEqualTo(cell.p99Micros());
                assertThat(cell.totalCpuMicros()).isEqualTo(cell.clientCpuMicros() + cell.serverCpuMicros());
            });
        });
        assertThat(text).contains("Throughput, 1 thread:", "Throughput, 4 threads:", "Throughput, 8 threads:",
                "| | operation | ops/s | ×(a) | ×(d) | p50 µs | p99 µs | client CPU µs/op | server CPU µs/op "
                        + "| client+server µs/op |");
        String[] tables = text.split("Throughput, ");
        assertThat(tables).hasSize(THREADS.size() + 1);
        for (int t = 1; t < tables.length; t++) {
            for (String id : Contenders.IDS) {
                assertThat(tables[t]).as("row %s in table %d", id, t).contains("| " + id + " | ");
            }
        }
        assertThat(report.scale()).extracting(ScaleRun.Level::tasks).containsExactly(1, 10, 100);
        assertThat(report.contention()).extracting(ContentionRun.Outcome::id).containsExactly("b", "c");
        ContentionRun.Outcome guarded = report.contention().get(0);
        assertThat(guarded.doubleRuns()).isZero();
        assertThat(guarded.runOnce()).isEqualTo(5);
        assertThat(text).contains("(b)/(c): ", "Scale:", "Contention:");
    }

    @Test
    void breakdownCountsTwoScriptCallsPerGuardedRunAndTheHistoryOnlyWhereItIsOn() {
        assertThat(report.breakdowns()).extracting(b -> b.contender().id()).containsExactlyElementsOf(Contenders.GUARDED);
        assertThat(report.breakdowns()).allSatisfy(b -> {
            assertThat(b.threads()).isEqualTo(1);
            assertThat(b.callsPerRun("evalsha")).as("%s: EVALSHA per run", b.contender().id()).isEqualTo(2.0);
            assertThat(b.commands()).doesNotContainKeys("flushdb", "info", "config", "ping");
        });
        assertThat(report.breakdowns().get(0).commands()).containsKey("xadd");
        assertThat(report.breakdowns().get(2).commands()).doesNotContainKeys("xadd", "hset", "hincrby");
        assertThat(text).contains("Server commands per guarded run, 1 thread", "| evalsha | ")
                .containsPattern("\\| b \\| [0-9,]+ \\| 2\\.00 × ");
    }

    @Test
    void onlyRunsTheNamedRowsAndPrintsADashForARatioWithoutItsBase() throws Exception {
        Report report = Bench.run(new BenchOptions(null, 1, 0, 0.05, List.of(1, 2), List.of("c", "a"), List.of(1), 10, 2,
                false, 0, 0), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String text = print(report, new ByteArrayOutputStream());

        assertThat(report.rows()).extracting(row -> row.contender().id()).containsExactly("a", "c");
        assertThat(report.breakdowns()).isEmpty();
        assertThat(text).containsPattern("\\| c \\| [^|]+ \\| [0-9,]+ \\| [0-9.]+ \\| - \\| ")
                .doesNotContain("| b | TaskGuard", "(b)/(c)", "Server commands per guarded run");
    }

    @Test
    void optionsDefaultToThreeThreadCountsAndEveryRow() {
        BenchOptions defaults = BenchOptions.parse();

        assertThat(defaults.threads()).containsExactly(1, 8, 32);
        assertThat(defaults.maxThreads()).isEqualTo(32);
        assertThat(defaults.only()).isEmpty();
        assertThat(BenchOptions.parse("--only", "a,b-key,d", "--threads", "2,16").only()).containsExactly("a", "b-key", "d");
    }

    @Test
    void unknownRowIdIsRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> BenchOptions.parse("--only", "a,x,d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bench: --only a,x,d names an unknown row 'x'; the rows are a, b, b-rec, b-nohist, b-async, "
                        + "b-key, b', b'-rec, c, d, e (include a and d for the ratio columns), e.g. --only a,b,d.");
        assertThatThrownBy(() -> BenchOptions.parse("--only", "a,,d"))
                .hasMessageStartingWith("Bench: --only a,,d names an unknown row ''");
    }

    @Test
    void badThreadCountsAreRefusedWithTheFix() {
        for (String bad : List.of("0,8", "8,8", "8,x", "", "-1")) {
            assertThatThrownBy(() -> BenchOptions.parse("--threads", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Bench: --threads " + bad + " is not a list of distinct positive thread counts; "
                            + "pass e.g. --threads 1,8,32.");
        }
    }

    @Test
    void jmhBenchmarkListIsGeneratedForTheWovenCall() throws Exception {
        Path list = Path.of("target/classes/META-INF/BenchmarkList");
        assertThat(list).exists();
        assertThat(Files.readString(list)).contains(JmhRun.BENCHMARK + " ", "wovenCall", "engineRun", "engineRunOneListener", "plainCall");
    }
}
