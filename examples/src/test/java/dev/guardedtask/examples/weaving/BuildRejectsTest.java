package dev.guardedtask.examples.weaving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compiler can see of a misused {@code @GuardedTask} fails the user's build under ajc, configured as the
 * README says, naming the method, the value and the fix: signatures the aspect cannot serve (its declare errors,
 * each reported once), and what core's annotation processor checks (plain javac: core's
 * {@code GuardedTaskProcessorTest}). The same messages as the checks at the first call (aspects'
 * {@code GuardedMethodTest}), from the same constants.
 */
class BuildRejectsTest {

    @TempDir
    Path dir;

    @Test
    void supportedSignaturesCompileWithoutWarnings() {
        Ajc.Messages messages = Ajc.compile(dir, "Jobs", source("""
                @GuardedTask(name = "fine")
                Optional<Long> fine(String label, @TaskDate LocalDate date, TaskResult result) { return null; }
                @GuardedTask(name = "fine_too", recurring = true)
                private static void fineToo(TaskResult result, @TaskDate String date) { }
                """));

        assertThat(messages.errors()).isEmpty();
        assertThat(messages.warnings()).isEmpty();
        assertThat(dir.resolve("classes/Jobs.class")).isRegularFile();
    }

    @Test
    void primitiveReturnTypeFailsTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "counted")
                long count(TaskResult result) { return 1; }
                """)).containsExactly(quoted("@GuardedTask method long Jobs.count(dev.guardedtask.TaskResult) returns a "
                + "primitive, which has no value for a skipped run: return void, TaskResult or a reference type such "
                + "as Long or Optional<Long>."));
    }

    @Test
    void twoTaskResultParametersFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "doubled")
                void doubled(TaskResult first, String label, TaskResult second) { }
                """)).containsExactly(quoted("@GuardedTask method void Jobs.doubled(dev.guardedtask.TaskResult, "
                + "java.lang.String, dev.guardedtask.TaskResult) declares more than one TaskResult parameter: declare "
                + "at most one; the live result of the run is injected into it."));
    }

    @Test
    void twoTaskDateParametersFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "dated")
                void dated(@TaskDate String from, TaskResult result, @TaskDate LocalDate to) { }
                """)).containsExactly(quoted("@GuardedTask method void Jobs.dated(java.lang.String, dev.guardedtask.TaskResult, "
                + "java.time.LocalDate) declares more than one @TaskDate parameter: annotate at most one, of type "
                + "String (YYYYMMDD) or java.time.LocalDate."));
    }

    @Test
    void taskDateOfAnotherTypeFailsTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "dated")
                void dated(@TaskDate java.util.Date date) { }
                """)).containsExactly(quoted("@GuardedTask method void Jobs.dated(java.util.Date) has a @TaskDate parameter "
                + "that is neither String nor LocalDate: declare it as String (YYYYMMDD) or java.time.LocalDate."));
    }

    @Test
    void interfaceAbstractAndUnguardedOverridingMethodsFailTheBuild() {
        assertThat(compile("""
                interface Job { @GuardedTask(name = "by_default") default void run() { } }
                abstract static class Base { @GuardedTask(name = "in_base") abstract void run(); }
                static class Guarded { @GuardedTask(name = "guarded") void run() { } }
                static class Bare extends Guarded { @Override void run() { } }
                """)).containsExactlyInAnyOrder(
                "@GuardedTask method void Jobs.Job.run() is an interface method: an abstract one has no body to guard "
                        + "and annotations on methods are not inherited, so implementations would run unguarded; a "
                        + "default or static one cannot be woven (AspectJ adds a field that the JVM rejects in an "
                        + "interface, ClassFormatError). Put @GuardedTask on the methods of the implementing classes "
                        + "instead.",
                "@GuardedTask method void Jobs.Base.run() is abstract: it has no body to guard, and annotations on "
                        + "methods are not inherited, so every override would run unguarded. Put @GuardedTask on the "
                        + "overriding methods instead.",
                "void Jobs.Bare.run() overrides @GuardedTask method void Jobs.Guarded.run() without @GuardedTask: "
                        + "annotations on methods are not inherited, so this method runs unguarded, also when it calls "
                        + "super. Annotate it with @GuardedTask too (without calling super, whose own guard would find "
                        + "the lock held and skip), or give it another name.");
    }

    @Test
    void invalidNamesAndDurationsFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "nightly export") void spaced() { }
                @GuardedTask(name = "t", lockTimeout = "5m", successTtl = "PT0S") void durations() { }
                """)).containsExactlyInAnyOrder(
                "@GuardedTask method void Jobs.spaced(): Task name 'nightly export' is invalid: use 1 to 200 "
                        + "characters from [A-Za-z0-9_.-], e.g. 'task_daily_report'.",
                "@GuardedTask method void Jobs.durations(): Task 't': lockTimeout '5m' is not an ISO-8601 duration: "
                        + "write e.g. PT5M (5 minutes), or \"\" for the guard's default.",
                "@GuardedTask method void Jobs.durations(): Task 't': successTtl PT0S must be at least 1 ms, e.g. "
                        + "P1D (1 day).");
    }

    @Test
    void futureReturnTypesOtherThanCompletionStageAndCompletableFutureFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "later") java.util.concurrent.Future<String> later() { return null; }
                @GuardedTask(name = "stage") java.util.concurrent.CompletionStage<String> stage() { return null; }
                @GuardedTask(name = "future") java.util.concurrent.CompletableFuture<Void> future() { return null; }
                """)).containsExactly("@GuardedTask method java.util.concurrent.Future Jobs.later() returns a future, "
                + "a reactive type or a stream other than CompletionStage or CompletableFuture (a Future, a subclass of "
                + "CompletableFuture, a Publisher, an RxJava type, java.util.stream.Stream): its work goes on after the "
                + "method returns, and the guard cannot hold the lock until it ends (a Future tells no one when it is "
                + "done, a subclass cannot be returned in its place, a Publisher's work runs per subscriber), so "
                + "another worker could run the task at the same time. Return CompletionStage<T> or "
                + "CompletableFuture<T> (the lock is held until it completes), or the result itself.");
    }

    @Test
    void aTaskDateOnAMethodThatIsNotGuardedFailsTheBuild() {
        assertThat(compile("""
                void forgotten(@TaskDate LocalDate date) { }
                """)).containsExactly("@TaskDate on a parameter of void Jobs.forgotten(java.time.LocalDate), which is "
                + "not a @GuardedTask method: it has no effect there. Annotate the method with @GuardedTask, or remove "
                + "@TaskDate.");
    }

    private static final String KEY_TYPES = "String, UUID, an enum, or an integral number (byte, short, int, long, "
            + "their boxes, BigInteger)";

    @Test
    void taskKeysOfTheAllowedTypesCompileWithoutWarnings() {
        Ajc.Messages messages = Ajc.compile(dir, "Jobs", source("""
                enum Region { EU, US }
                @GuardedTask(name = "s") void s(@TaskKey String k, TaskResult result) { }
                @GuardedTask(name = "i") void i(@TaskKey int k, @TaskDate LocalDate date) { }
                @GuardedTask(name = "bl") void bl(@TaskKey Long k) { }
                @GuardedTask(name = "bi") void bi(@TaskKey java.math.BigInteger k) { }
                @GuardedTask(name = "u") void u(@TaskKey java.util.UUID k) { }
                @GuardedTask(name = "e") void e(@TaskKey Region k) { }
                """));

        assertThat(messages.errors()).isEmpty();
        assertThat(messages.warnings()).isEmpty();
    }

    @Test
    void twoTaskKeyParametersFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "two")
                void two(@TaskKey String customer, TaskResult result, @TaskKey long order) { }
                """)).containsExactly(quoted("@GuardedTask method void Jobs.two(java.lang.String, dev.guardedtask.TaskResult, "
                + "long) declares more than one @TaskKey parameter: annotate at most one, of type " + KEY_TYPES + "; "
                + "for a key made of several values, pass them joined in one String."));
    }

    @Test
    void aTaskKeyOfAnotherTypeFailsTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "real") void real(@TaskKey double amount) { }
                @GuardedTask(name = "anyEnum") void anyEnum(@TaskKey Enum<?> value) { }
                """)).containsExactly(quoted("@GuardedTask method void Jobs.real(double) has a @TaskKey parameter of a "
                + "type it does not take: declare it as " + KEY_TYPES + ". Not float, double or BigDecimal: their "
                + "text is no stable identity (1.0 and 1); pass such a value as a String of your choosing."),
                quoted("@GuardedTask method void Jobs.anyEnum(java.lang.Enum) has a @TaskKey parameter of a "
                + "type it does not take: declare it as " + KEY_TYPES + ". Not float, double or BigDecimal: their "
                + "text is no stable identity (1.0 and 1); pass such a value as a String of your choosing."));
    }

    @Test
    void aParameterThatIsBothKeyAndDateFailsTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "both") void both(@TaskKey @TaskDate String day) { }
                """)).containsExactly(quoted("@GuardedTask method void Jobs.both(java.lang.String) has a parameter "
                + "annotated both @TaskKey and @TaskDate: the date and the key of a run are two parameters; remove one "
                + "of the annotations."));
    }

    @Test
    void aTaskKeyOnAMethodThatIsNotGuardedFailsTheBuild() {
        assertThat(compile("""
                void forgotten(@TaskKey String customer) { }
                """)).containsExactly("@TaskKey on a parameter of void Jobs.forgotten(java.lang.String), which is "
                + "not a @GuardedTask method: it has no effect there. Annotate the method with @GuardedTask, or remove "
                + "@TaskKey.");
    }

    /** ajc puts an annotation-style declare error's message in double quotes. */
    private static String quoted(String message) {
        return '"' + message + '"';
    }

    private List<String> compile(String members) {
        return Ajc.compile(dir, "Jobs", source(members)).errors();
    }

    private static String source(String members) {
        return """
                import dev.guardedtask.*;
                import java.time.LocalDate;
                import java.util.Optional;

                class Jobs {
                %s}
                """.formatted(members);
    }
}
