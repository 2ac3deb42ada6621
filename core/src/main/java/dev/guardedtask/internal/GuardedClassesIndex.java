package dev.guardedtask.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The list of classes that declare {@code @GuardedTask} methods, as the annotation processor writes it and
 * the startup check reads it. Plain Java only: the processor runs inside the compiler, where the library's
 * own dependencies (SLF4J, Redisson) may be missing.
 */
public final class GuardedClassesIndex {

    /** Where the list is, in every jar or class directory: one binary class name per line. */
    public static final String PATH = "META-INF/guardedtask/guarded-classes";

    private GuardedClassesIndex() {
    }

    /** The names in a list, without blank lines and {@code #} comments. */
    public static Set<String> parse(Reader index) throws IOException {
        BufferedReader lines = new BufferedReader(index);
        return lines.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
