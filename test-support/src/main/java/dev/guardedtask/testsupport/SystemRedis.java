package dev.guardedtask.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Debian's {@code redis-server} 7.0 ({@code apt-get install redis-server}), the second server version the
 * tests run on and the one with TLS (the embedded 6.2 binary has none). The one place of the rule for the
 * tests that need it: where it is missing they are skipped, naming how to install it, except in CI
 * (environment variable {@code CI=true}), where they fail instead, so that CI never skips them silently.
 * Under libfaketime (a check at another date, {@code LD_PRELOAD} holding it) they are skipped too: the Debian
 * binary, linked dynamically, loads libfaketime and deadlocks at start; the embedded one, linked statically,
 * runs the rest of the suite at the fake date.
 */
public final class SystemRedis {

    /** Where the Debian package installs it. */
    public static final Path PATH = Path.of("/usr/bin/redis-server");

    private static final AtomicBoolean told = new AtomicBoolean();

    private SystemRedis() {
    }

    /**
     * The binary, for a test that needs it: call it where the test starts (a {@code @BeforeAll}, an extension's
     * {@code beforeAll}).
     *
     * @throws org.opentest4j.TestAbortedException if it is missing and {@code CI} is not {@code true}: the test
     *     is skipped with {@link #missing(Path)} as the reason
     * @throws org.opentest4j.AssertionFailedError if it is missing and {@code CI} is {@code true}
     */
    public static File binary() {
        return binary(PATH, System.getenv("CI"), System.getenv("LD_PRELOAD")).toFile();
    }

    /** {@link #binary()} for another path and values of {@code CI} and {@code LD_PRELOAD} ({@code null}: not set). */
    static Path binary(Path binary, String ci, String preload) {
        if (preload != null && preload.contains("faketime")) {
            skip("Debian's redis-server deadlocks at start under libfaketime (LD_PRELOAD=" + preload + "): the Redis "
                    + "7.0 and TLS tests do not run at a fake date; the embedded server runs the others.");
        }
        if (Files.isExecutable(binary)) {
            return binary;
        }
        if ("true".equals(ci)) {
            Assertions.fail(missing(binary) + " CI=true: in CI these tests must run, not be skipped.");
        }
        skip(missing(binary));
        throw new AssertionError("unreachable: skip throws");
    }

    private static void skip(String why) {
        if (!told.getAndSet(true)) {
            // Maven's console counts skipped tests but does not say why: say it once per JVM
            System.err.println("[guardedtask] Tests skipped: " + why);
        }
        Assumptions.abort(why);
    }

    /** Why the tests against it cannot run, and how to make them run. */
    static String missing(Path binary) {
        return "Debian's redis-server 7.0 is not installed at " + binary + ": the Redis 7.0 and TLS tests need it. "
                + "Install it with 'apt-get install redis-server' (Debian 12), or run 'bash .ci/run', which does.";
    }
}
