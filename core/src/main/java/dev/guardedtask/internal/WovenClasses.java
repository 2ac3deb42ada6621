package dev.guardedtask.internal;

import dev.guardedtask.GuardedTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * Whether the classes that declare {@code @GuardedTask} methods were woven: an unwoven method runs unguarded,
 * silently. The compiler's annotation processor lists those classes in {@value #INDEX}, in every jar or
 * output directory; this reads the lists a class loader sees, loads each class without initialising it, and
 * checks that the weaver wrapped each of its guarded methods (AspectJ moves a body it wraps into a method
 * named {@code <name>_aroundBody<n>}). A listed class the loader cannot find, or that needs a class it cannot
 * find, is skipped: it is not part of this application; one that fails to load otherwise (a malformed class) is
 * reported with the unwoven ones. No index at all is logged as a warning: the processor did not run. Each class
 * loader is checked once; thread-safe.
 */
public final class WovenClasses {

    /** The index the annotation processor writes. */
    public static final String INDEX = GuardedClassesIndex.PATH;

    private static final Logger log = LoggerFactory.getLogger(WovenClasses.class);

    private static final Map<ClassLoader, Boolean> checked = Collections.synchronizedMap(new WeakHashMap<>());

    private WovenClasses() {
    }

    /**
     * Checks every class listed in the indexes {@code loader} sees.
     *
     * @throws IllegalStateException naming each unwoven class, its guarded methods, and how to weave them
     */
    public static void check(ClassLoader loader) {
        if (loader == null || checked.containsKey(loader)) {
            return;
        }
        Set<String> listed = listed(loader);
        if (listed.isEmpty()) {
            log.warn("No {} found: if this application has @GuardedTask methods, they were compiled without "
                    + "guardedtask's annotation processor (javac from JDK 23 on runs it only with -proc:full; Gradle "
                    + "only from annotationProcessor; not with -proc:none), so nothing checks that they were woven: "
                    + "see docs/guide.md, \"Checked at build time and at startup\"", INDEX);
        }
        List<String> unwoven = new ArrayList<>();
        for (String name : listed) {
            unwoven(name, loader).ifPresent(unwoven::add);
        }
        if (!unwoven.isEmpty()) {
            throw new IllegalStateException(Misuse.notWoven(unwoven, loadTimeWeaverRunning()));
        }
        checked.put(loader, Boolean.TRUE);
    }

    /**
     * Whether AspectJ's load-time weaver runs in this JVM: its agent class, on the system class path, was given
     * an {@code Instrumentation} ({@code -javaagent}, or attached later). The jar merely on the class path
     * (Spring AOP brings it) is not the weaver running.
     */
    static boolean loadTimeWeaverRunning() {
        try {
            Class<?> agent = Class.forName("org.aspectj.weaver.loadtime.Agent", false, ClassLoader.getSystemClassLoader());
            return agent.getMethod("getInstrumentation").invoke(null) != null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false; // not on the class path, or not started as an agent (UnsupportedOperationException)
        }
    }

    private static Set<String> listed(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL index : Collections.list(loader.getResources(INDEX))) {
                try (Reader in = new InputStreamReader(index.openStream(), StandardCharsets.UTF_8)) {
                    names.addAll(GuardedClassesIndex.parse(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + INDEX + " to check that @GuardedTask classes were woven", e);
        }
        return names;
    }

    /** {@code "Class (method, ...)"} if a guarded method of the class is not woven. */
    private static Optional<String> unwoven(String name, ClassLoader loader) {
        Method[] methods;
        try {
            methods = Class.forName(name, false, loader).getDeclaredMethods();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Optional.empty(); // not part of this application, or needs a library it does not have
        } catch (LinkageError e) {
            return Optional.of(name + " (cannot be loaded: " + e + ")");
        }
        String missing = Arrays.stream(methods)
                .filter(m -> m.isAnnotationPresent(GuardedTask.class) && !Modifier.isAbstract(m.getModifiers()))
                .filter(m -> Arrays.stream(methods).noneMatch(w -> w.getName().startsWith(m.getName() + "_aroundBody")))
                .map(Method::getName).distinct().sorted().collect(Collectors.joining(", "));
        return missing.isEmpty() ? Optional.empty() : Optional.of(name + " (" + missing + ")");
    }
}
