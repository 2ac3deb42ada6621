package dev.guardedtask.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to {@code System.out} and {@code System.err} from {@link #start()} to {@link #close()},
 * by any thread, still passed on to the original streams: the log lines (slf4j-simple looks
 * {@code System.err} up at each line), to assert what they do not contain. One at a time per JVM.
 *
 * <pre>{@code try (CapturedOutput output = CapturedOutput.start()) { ... } assertThat(output.text()) ...}</pre>
 */
public final class CapturedOutput implements AutoCloseable {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private CapturedOutput() {
    }

    public static CapturedOutput start() {
        CapturedOutput output = new CapturedOutput();
        System.setOut(output.tee(output.out));
        System.setErr(output.tee(output.err));
        return output;
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** What was written so far. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Puts the original streams back; {@link #text()} keeps what was captured. */
    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
    }
}
