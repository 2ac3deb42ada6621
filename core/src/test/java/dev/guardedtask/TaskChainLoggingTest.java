package dev.guardedtask;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A chain logs under one category, its public type's (the test runs slf4j-simple, which writes to System.err). */
class TaskChainLoggingTest {

    @Test
    void theReportAndAThrowingStepLogUnderTaskChain() {
        TaskChain chain = TaskChain.builder().step("io", date -> {
            throw new IOException("disk full");
        }).build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            chain.run("20261128");
        } finally {
            System.setErr(systemErr);
        }

        assertThat(err.toString(StandardCharsets.UTF_8).lines().map(line -> line.replaceFirst("^\\[[^]]*] ", "")))
                .containsExactly(
                        "WARN dev.guardedtask.TaskChain - TaskChain: step 'io' for 20261128 threw java.io.IOException: disk full",
                        "INFO dev.guardedtask.TaskChain - Chain for 20261128 did not succeed: io=failed(exception)");
    }
}
