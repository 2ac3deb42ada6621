package dev.guardedtask.examples;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line's two forms, values that are really the next option, and error lines meant for it. */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everyOptionAlsoTakesItsValueJoinedWithAnEqualsSign() {
        assertThat(Options.parse("--workers=2", "--ticks=3", "--tick-ms=60", "--redis=redis://localhost:6379/1",
                "--fail-step=task_report", "--key-prefix=a=b:", "--console=8081"))
                .isEqualTo(new Options(2, 3, 60, "redis://localhost:6379/1", null, "task_report", "a=b:", 8081));
    }

    @Test
    void bothFormsGiveTheSameOptions() {
        assertThat(Options.parse("--workers", "2", "--key-prefix", "trial-7:"))
                .isEqualTo(Options.parse("--workers=2", "--key-prefix=trial-7:"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--key-prefix --help      | --key-prefix needs a value",
            "--key-prefix --ticks 3   | --key-prefix needs a value",
            "--ticks 2 --redis --help | --redis needs a value",
            "--workers=0              | --workers takes a whole number from 1 to 32, not '0'",
            "--tick-ms=               | --tick-ms takes a whole number from 50 to 60000, not ''",
            "--help=yes               | --help takes no value",
            "--fast=1                 | unknown option '--fast'",
            "--console 70000          | --console takes a whole number from 0 to 65535, not '70000'",
            "workers 3                | unexpected argument 'workers': a value follows its option, as in --workers 3 "
                    + "or --workers=3"})
    void anOptionWithoutItsValueOrAStrayArgumentGetsTheUsageAndExitCode2(String args, String message)
            throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: " + message + "\n\nUsage: java -jar guardedtask-example.jar");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aUriTheLibraryRefusesWhenTheGuardIsBuiltGetsOneLine() {
        Options options = new Options(1, 1, 50, "http://x:1", null, "", Options.DEFAULT_KEY_PREFIX, null);
        Simulation simulation = new Simulation(options, "http://x:1", TestClocks.fixed(), new PrintStream(out, true));

        assertThatThrownBy(simulation::run)
                .isInstanceOf(Simulation.CannotRun.class)
                .hasMessageStartingWith("Redis URI 'http://x:1' is invalid: the scheme must be redis or rediss")
                .hasMessageNotContaining("\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPortOutOfRangeGetsAnErrorLineWithItsCauseAndExitCode2() throws Exception {
        int exit = ExampleApp.run(TestClocks.fixed(), new PrintStream(out, true), new PrintStream(err, true),
                "--redis", "redis://127.0.0.1:99999");

        // Refused when the guard connects here; by RedisUri.parse (then with the usage) once it checks ports.
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).get().asString().startsWith("Error: ").contains("99999");
        assertThat(err.toString()).doesNotContain("RedissonClient").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Cannot connect to Redis at redis://127.0.0.1:99999/0: port out of range:99999. Check that the server "
                    + "runs and the URI is right, or pass your own RedissonClient."
                    + "| Cannot connect to Redis at redis://127.0.0.1:99999/0: port out of range:99999. Check that "
                    + "the server runs and the URI is right.",
            "Cannot connect to Redis at rediss://h:6380/0: the TLS handshake failed (PKIX path building failed). Make "
                    + "this JVM trust the server's certificate, or configure TLS on your own RedissonClient and pass "
                    + "it with TaskGuard.builder().redisson(client)."
                    + "| Cannot connect to Redis at rediss://h:6380/0: the TLS handshake failed (PKIX path building "
                    + "failed). Make this JVM trust the server's certificate.",
            "Cannot connect to Redis at redis://h:1/0: nothing listens at that host and port (Connection refused: "
                    + "h/127.0.0.1:1). Start the server, or check the host and port in the URI."
                    + "| Cannot connect to Redis at redis://h:1/0: nothing listens at that host and port (Connection "
                    + "refused: h/127.0.0.1:1). Start the server, or check the host and port in the URI."})
    void errorLinesDropTheAdviceMeantForProgramsThatBuildTheirOwnClient(String library, String shown) {
        assertThat(Simulation.forCommandLine(library)).isEqualTo(shown);
    }
}
