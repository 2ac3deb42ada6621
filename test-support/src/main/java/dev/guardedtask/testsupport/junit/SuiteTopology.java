package dev.guardedtask.testsupport.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * One topology per test suite (JVM): kept in JUnit's root store, which closes it (it is
 * {@link AutoCloseable}) once every test class has run.
 */
final class SuiteTopology {

    private static final Namespace SUITE = Namespace.create(SuiteTopology.class);

    private SuiteTopology() {
    }

    /** The suite's {@code type}, started by {@code start} on the first call, which prints how long that took. */
    static <T extends AutoCloseable> T get(ExtensionContext context, Class<T> type, String description, Supplier<T> start) {
        return context.getRoot().getStore(SUITE).getOrComputeIfAbsent(type, key -> {
            long started = System.nanoTime();
            T topology = start.get();
            System.out.printf(Locale.ROOT, "[test-support] %s started in %.2f s%n", description,
                    (System.nanoTime() - started) / 1e9);
            return topology;
        }, type);
    }
}
