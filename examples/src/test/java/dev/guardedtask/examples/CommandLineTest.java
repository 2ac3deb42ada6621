package dev.guardedtask.examples;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's two forms, and values that are really the next option. */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everyOptionAlsoTakesItsValueJoinedWithAnEqualsSign() {
        assertThat(Options.parse("--workers=2", "--ticks=3", "--tick-ms=60", "--redis=redis://localhost:6379/1",
                "--fail-step=task_report", "--key-prefix=a=b:"))
                .isEqualTo(new Options(2, 3, 60, "redis://localhost:6379/1", "task_report", "a=b:"));
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
}
