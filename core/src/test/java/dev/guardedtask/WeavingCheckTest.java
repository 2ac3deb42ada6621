package dev.guardedtask;

import dev.guardedtask.guice.GuardedTaskModule;
import dev.guardedtask.internal.WovenClasses;
import dev.guardedtask.testsupport.Javac;
import dev.guardedtask.testsupport.TestClocks;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Installing a guard fails when a class with {@code @GuardedTask} methods was compiled without weaving: plain
 * javac here, as a module built without ajc is. (Classes ajc wove, and ajc without the aspect library:
 * examples' {@code WeavingCheckWovenTest}.)
 */
class WeavingCheckTest {

    private static final String NOT_WOVEN = "@GuardedTask methods were not woven, so they would run unguarded (no "
            + "lock, no skip): %s. Weave them: compile the module with ajc and guardedtask-aspects under "
            + "<aspectLibraries> (README, \"Use it in your project\"; a module compiled by javac alone is not woven), "
            + "or weave at load time: start the JVM with -javaagent:/path/to/aspectjweaver-1.9.27.jar, keep "
            + "guardedtask-aspects on the class path, and add a META-INF/aop.xml with <aspectj><weaver><include "
            + "within=\"com.acme..*\"/></weaver></aspectj> covering these classes (docs/guide.md, \"Load-time "
            + "weaving\").";

    private static final String JOBS = """
            package com.acme;
            import dev.guardedtask.*;
            public class Jobs {
                @GuardedTask(name = "task_daily_report") public TaskResult report(TaskResult result) { return result; }
                @GuardedTask(name = "task_odds", recurring = true) void odds() { }
                void plain() { }
                public static class Inner { @GuardedTask(name = "inner") void inner() { } }
            }
            """;

    private final TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();
    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(original);
        GuardedTasks.uninstall();
        guard.close();
    }

    @Test
    void installFailsNamingEachUnwovenClassAndItsMethods() throws IOException {
        useClassesOf(JOBS);

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> GuardedTasks.install(guard));

        assertThat(error).hasMessage(NOT_WOVEN, "com.acme.Jobs (odds, report); com.acme.Jobs$Inner (inner)");
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void runWithFailsTooAndDoesNotRunTheWork() throws IOException {
        useClassesOf(JOBS);
        AtomicBoolean ran = new AtomicBoolean();

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> GuardedTasks.runWith(guard, () -> ran.set(true)));

        assertThat(error).hasMessage(NOT_WOVEN, "com.acme.Jobs (odds, report); com.acme.Jobs$Inner (inner)");
        assertThat(ran).isFalse();
    }

    @Test
    void guiceFailsToCreateTheInjectorSayingWhy() throws IOException {
        useClassesOf(JOBS);

        CreationException error = catchThrowableOfType(CreationException.class,
                () -> Guice.createInjector(new GuardedTaskModule(guard)));

        assertThat(error.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessage(NOT_WOVEN, "com.acme.Jobs (odds, report); com.acme.Jobs$Inner (inner)");
        assertThat(error).hasMessageContaining("IllegalStateException: @GuardedTask methods were not woven, so they "
                + "would run unguarded (no lock, no skip): Jobs (odds, report)"); // Guice shortens class names
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void aMethodTheWeaverWrappedPasses() throws IOException {
        // What ajc leaves (examples' WeavingCheckWovenTest shows it on real ajc output): the body moved to
        // <name>_aroundBody<n>.
        useClassesOf("""
                package com.acme;
                public class Jobs {
                    @dev.guardedtask.GuardedTask(name = "woven") void woven() { }
                    static void woven_aroundBody0(Jobs self, Object joinPoint) { }
                }
                """);

        assertThatCode(() -> GuardedTasks.install(guard)).doesNotThrowAnyException();
        assertThat(GuardedTasks.installed()).containsSame(guard);
    }

    @Test
    void listedClassesMissingFromTheClassPathAreNotAnError() throws IOException {
        useIndex("# classes of a module left out of this application\ncom.acme.Gone\n\n");

        assertThatCode(() -> GuardedTasks.install(guard)).doesNotThrowAnyException();
    }

    @Test
    void aListedClassThatCannotBeLoadedIsReported() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("classes/com/acme")).resolve("Broken.class");
        Files.write(broken, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0});
        useIndex("com.acme.Broken\n");

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> GuardedTasks.install(guard));

        assertThat(error).hasMessageStartingWith("@GuardedTask methods were not woven, so they would run unguarded "
                + "(no lock, no skip): com.acme.Broken (cannot be loaded: java.lang.ClassFormatError: ");
    }

    @Test
    void noIndexAtAllIsAWarningThatTheProcessorDidNotRun() throws IOException {
        Files.createDirectories(dir.resolve("classes"));
        useLoader();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            WovenClasses.check(new URLClassLoader(new URL[0], null));
        } finally {
            System.setErr(systemErr);
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN dev.guardedtask.internal.WovenClasses - No "
                + "META-INF/guardedtask/guarded-classes found: if this application has @GuardedTask methods, they were "
                + "compiled without guardedtask's annotation processor (javac from JDK 23 on runs it only with "
                + "-proc:full; Gradle only from annotationProcessor; not with -proc:none), so nothing checks that they "
                + "were woven");
    }

    @Test
    void aNullOrClosedGuardIsRefusedSayingWhatToPass() {
        TaskGuard closed = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();
        closed.close();

        assertThat(catchThrowableOfType(NullPointerException.class, () -> GuardedTasks.install(null)))
                .hasMessage("GuardedTasks.install(guard): guard is null; pass the TaskGuard built at startup");
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> GuardedTasks.install(closed)))
                .hasMessage("GuardedTasks.install(guard): the guard is closed; pass one that is open (close a guard "
                        + "only after uninstalling it)");
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> GuardedTasks.runWith(closed, () -> { })))
                .hasMessage("GuardedTasks.runWith(guard, work): the guard is closed; pass one that is open (close a "
                        + "guard only after uninstalling it)");
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void aClassLoaderIsCheckedOnce() throws IOException {
        useIndex("com.acme.Gone\n");
        GuardedTasks.install(guard);
        Javac.compile(dir, "Jobs", JOBS); // now the loader's directory holds an unwoven class and lists it

        assertThatCode(() -> GuardedTasks.install(guard)).doesNotThrowAnyException();
    }

    private void useClassesOf(String source) throws IOException {
        assertThat(Javac.compile(dir, "Jobs", source).errors()).isEmpty();
        useLoader();
    }

    private void useIndex(String index) throws IOException {
        Path file = dir.resolve("classes").resolve(WovenClasses.INDEX);
        Files.createDirectories(file.getParent());
        Files.writeString(file, index);
        useLoader();
    }

    private void useLoader() throws IOException {
        URL classes = dir.resolve("classes").toUri().toURL();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {classes}, original));
    }
}
