package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The startup check on real ajc output: classes woven with guardedtask-aspects pass, and the same classes built by
 * ajc with the aspect library left out fail {@code install}, by name. (javac-built classes, Guice and the check's
 * rules: core's {@code WeavingCheckTest}.)
 */
class WeavingCheckWovenTest {

    private static final String JOBS = """
            package com.acme;
            import dev.guardedtask.*;
            public class Jobs {
                @GuardedTask(name = "task_daily_report") TaskResult report(TaskResult result) { return result; }
                @GuardedTask(name = "task_odds", recurring = true) private static void odds() { }
                public static class Nested { @GuardedTask(name = "nested") void nested() { } }
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
    void classesWovenWithTheAspectPass() throws MalformedURLException {
        assertThat(Ajc.compile(dir, "Jobs", JOBS).errors()).isEmpty();
        useClasses();

        assertThatCode(() -> GuardedTasks.install(guard)).doesNotThrowAnyException();
        assertThat(GuardedTasks.installed()).containsSame(guard);
    }

    @Test
    void classesBuiltByAjcWithoutTheAspectLibraryFailInstall() throws MalformedURLException {
        assertThat(Ajc.compileWithoutAspect(dir, "Jobs", JOBS).errors()).isEmpty();
        useClasses();

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> GuardedTasks.install(guard));

        assertThat(error).hasMessageStartingWith("@GuardedTask methods were not woven, so they would run unguarded "
                + "(no lock, no skip): com.acme.Jobs (odds, report); com.acme.Jobs$Nested (nested). Weave them: "
                + "compile the module with ajc and guardedtask-aspects under <aspectLibraries>");
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    private void useClasses() throws MalformedURLException {
        URL classes = dir.resolve("classes").toUri().toURL();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {classes}, original));
    }
}
