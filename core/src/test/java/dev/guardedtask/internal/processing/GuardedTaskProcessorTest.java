package dev.guardedtask.internal.processing;

import dev.guardedtask.internal.WovenClasses;
import dev.guardedtask.testsupport.Javac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain javac, with nothing configured but the class path, rejects each misuse the compiler can see, naming the
 * method, the value and the fix; and lists the classes with guarded methods for the startup check. (Under ajc,
 * as the README builds: examples' {@code BuildRejectsTest}.)
 */
class GuardedTaskProcessorTest {

    private static final String METHOD = "@GuardedTask method ";

    @TempDir
    Path dir;

    @Test
    void supportedMethodsCompileCleanlyAndTheirClassesAreListed() throws IOException {
        Javac.Messages messages = compile(source("""
                @GuardedTask(name = "fine", lockTimeout = "PT10M", successTtl = "P2D")
                Optional<Long> fine(String label, @TaskDate LocalDate date, TaskResult result) { return null; }
                @GuardedTask(name = "fine_too", recurring = true)
                private static void fineToo(TaskResult result, @TaskDate String date) { }
                static class Nested { @GuardedTask(name = "nested") TaskResult nested() { return null; } }
                interface Defaults {
                    @GuardedTask(name = "by_default") default void byDefault() { }
                    @GuardedTask(name = "statically") static void statically() { }
                }
                void plain(String date) { }
                """));

        assertThat(messages.errors()).isEmpty();
        assertThat(messages.warnings()).isEmpty();
        assertThat(index()).containsExactly("Jobs", "Jobs$Defaults", "Jobs$Nested");
    }

    @Test
    void aClassWithoutGuardedMethodsWritesNoIndex() {
        assertThat(compile(source("void plain() { }\n")).errors()).isEmpty();

        assertThat(dir.resolve("classes").resolve(WovenClasses.INDEX)).doesNotExist();
    }

    @Test
    void anIncrementalCompilationKeepsTheClassesListedBefore() throws IOException {
        Path index = Files.createDirectories(dir.resolve("classes/META-INF/guardedtask")).resolve("guarded-classes");
        Files.writeString(index, "Earlier\n");

        compile(source("@GuardedTask(name = \"fine\") void fine() { }\n"));

        assertThat(index()).containsExactly("Earlier", "Jobs");
    }

    @Test
    void interfaceAndAbstractMethodsFailTheBuild() {
        assertThat(errors("""
                interface Job { @GuardedTask(name = "in_interface") void run(); }
                abstract static class Base { @GuardedTask(name = "in_base") abstract void run(); }
                """)).containsExactly(
                METHOD + "void Jobs.Job.run() is abstract or an interface method: it has no body to guard, and "
                        + "annotations on methods are not inherited, so every implementation would run unguarded. "
                        + "Put @GuardedTask on the implementing methods instead.",
                METHOD + "void Jobs.Base.run() is abstract or an interface method: it has no body to guard, and "
                        + "annotations on methods are not inherited, so every implementation would run unguarded. "
                        + "Put @GuardedTask on the implementing methods instead.");
    }

    @Test
    void invalidNamesFailTheBuild() {
        assertThat(errors("""
                @GuardedTask(name = "nightly export") void spaced() { }
                @GuardedTask(name = "") void empty() { }
                @GuardedTask(name = "lock:x") void colon() { }
                """)).containsExactly(
                METHOD + "void Jobs.spaced(): Task name 'nightly export' is invalid: use 1 to 200 characters from "
                        + "[A-Za-z0-9_.-], e.g. 'task_daily_report'.",
                METHOD + "void Jobs.empty(): Task name '' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.",
                METHOD + "void Jobs.colon(): Task name 'lock:x' is invalid: use 1 to 200 characters from "
                        + "[A-Za-z0-9_.-], e.g. 'task_daily_report'.");
    }

    @Test
    void unparsableZeroAndNegativeDurationsFailTheBuild() {
        assertThat(errors("""
                @GuardedTask(name = "t", lockTimeout = "5m", successTtl = "PT0S") void both() { }
                @GuardedTask(name = "u", lockTimeout = "-PT1M") void negative() { }
                @GuardedTask(name = "v", successTtl = "1 day") void words() { }
                @GuardedTask(name = "w", successTtl = "P1M") void months() { }
                """)).containsExactly(
                METHOD + "void Jobs.both(): Task 't': lockTimeout '5m' is not an ISO-8601 duration: write e.g. PT5M "
                        + "(5 minutes), or \"\" for the guard's default.",
                METHOD + "void Jobs.both(): Task 't': successTtl PT0S must be at least 1 ms, e.g. P1D (1 day).",
                METHOD + "void Jobs.negative(): Task 'u': lockTimeout PT-1M must be at least 1 ms, e.g. PT5M "
                        + "(5 minutes).",
                METHOD + "void Jobs.words(): Task 'v': successTtl '1 day' is not an ISO-8601 duration: write e.g. "
                        + "P1D (1 day), or \"\" for the guard's default.",
                METHOD + "void Jobs.months(): Task 'w': successTtl 'P1M' is not an ISO-8601 duration: write e.g. "
                        + "P1D (1 day), or \"\" for the guard's default.");
    }

    @Test
    void futureAndStreamReturnTypesFailTheBuild() {
        List<String> errors = errors("""
                @GuardedTask(name = "a") CompletableFuture<String> completable() { return null; }
                @GuardedTask(name = "b") CompletionStage<Void> stage() { return null; }
                @GuardedTask(name = "c") Future<?> future() { return null; }
                @GuardedTask(name = "d") FutureTask<String> futureTask() { return null; }
                @GuardedTask(name = "e") SubmissionPublisher<String> publisher() { return null; }
                """);

        assertThat(errors).containsExactly(
                future("java.util.concurrent.CompletableFuture Jobs.completable()"),
                future("java.util.concurrent.CompletionStage Jobs.stage()"),
                future("java.util.concurrent.Future Jobs.future()"),
                future("java.util.concurrent.FutureTask Jobs.futureTask()"),
                future("java.util.concurrent.SubmissionPublisher Jobs.publisher()"));
    }

    @Test
    void signaturesTheAspectCannotServeFailTheBuild() {
        assertThat(errors("""
                @GuardedTask(name = "counted") long count(TaskResult result) { return 1; }
                @GuardedTask(name = "doubled") void doubled(TaskResult first, String label, TaskResult second) { }
                @GuardedTask(name = "dated") void dated(@TaskDate String from, @TaskDate LocalDate to) { }
                @GuardedTask(name = "typed") void typed(@TaskDate java.util.Date date) { }
                """)).containsExactly(
                METHOD + "long Jobs.count(dev.guardedtask.TaskResult) returns a primitive, which has no value for a "
                        + "skipped run: return void, TaskResult or a reference type such as Long or Optional<Long>.",
                METHOD + "void Jobs.doubled(dev.guardedtask.TaskResult, java.lang.String, dev.guardedtask.TaskResult) "
                        + "declares more than one TaskResult parameter: declare at most one; the live result of the "
                        + "run is injected into it.",
                METHOD + "void Jobs.dated(java.lang.String, java.time.LocalDate) declares more than one @TaskDate "
                        + "parameter: annotate at most one, of type String (YYYYMMDD) or java.time.LocalDate.",
                METHOD + "void Jobs.typed(java.util.Date) has a @TaskDate parameter that is neither String nor "
                        + "LocalDate: declare it as String (YYYYMMDD) or java.time.LocalDate.");
    }

    @Test
    void aTaskDateOnAMethodThatIsNotGuardedFailsTheBuild() {
        assertThat(errors("""
                void forgotten(@TaskDate LocalDate date) { }
                interface Declared { void declared(@TaskDate LocalDate date); }
                """)).containsExactly("@TaskDate on a parameter of void Jobs.forgotten(java.time.LocalDate), which is "
                + "not a @GuardedTask method: it has no effect there. Annotate the method with @GuardedTask, or remove "
                + "@TaskDate.");
    }

    private static String future(String signature) {
        return METHOD + signature + " returns a future or a stream (Future, CompletionStage, Flow.Publisher or a "
                + "Reactive Streams Publisher): its work goes on after the method returns, when the lock is already "
                + "released, so another worker could run the task at the same time. Asynchronous methods are not "
                + "supported yet: return the result itself (wait for the work inside the method).";
    }

    @Test
    void javacFindsTheProcessorOnTheClassPathWithNothingConfigured() throws IOException {
        Javac.Messages messages = Javac.compile(dir, "Jobs", source("""
                @GuardedTask(name = "fine") void fine() { }
                @GuardedTask(name = "nightly export") void spaced() { }
                """));

        assertThat(messages.errors()).containsExactly(METHOD + "void Jobs.spaced(): Task name 'nightly export' is "
                + "invalid: use 1 to 200 characters from [A-Za-z0-9_.-], e.g. 'task_daily_report'.");
        assertThat(index()).containsExactly("Jobs");
    }

    /** With this JVM's processor class, so that mutation testing sees these tests use it. */
    private Javac.Messages compile(String source) {
        return Javac.compile(dir, "Jobs", source, List.of(new GuardedTaskProcessor()));
    }

    private List<String> errors(String members) {
        return compile(source(members)).errors();
    }

    private List<String> index() throws IOException {
        return Files.readAllLines(dir.resolve("classes").resolve(WovenClasses.INDEX));
    }

    private static String source(String members) {
        return """
                import dev.guardedtask.*;
                import java.time.LocalDate;
                import java.util.Optional;
                import java.util.concurrent.*;

                class Jobs {
                %s}
                """.formatted(members);
    }
}
