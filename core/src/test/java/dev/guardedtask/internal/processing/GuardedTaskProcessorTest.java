package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.internal.GuardedClassesIndex;
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
                static class Base { @GuardedTask(name = "based") void run() { } }
                static class Sub extends Base { @Override @GuardedTask(name = "based") void run() { } }
                @GuardedTask(name = "counts") OptionalLong counts() { return null; }
                @GuardedTask(name = "rows") List<String> rows() { return null; }
                void plain(String date) { }
                """));

        assertThat(messages.errors()).isEmpty();
        assertThat(messages.warnings()).isEmpty();
        assertThat(index()).containsExactly("Jobs", "Jobs$Base", "Jobs$Nested", "Jobs$Sub");
    }

    @Test
    void aClassWithoutGuardedMethodsWritesNoIndex() {
        assertThat(compile(source("void plain() { }\n")).errors()).isEmpty();

        assertThat(dir.resolve("classes").resolve(GuardedClassesIndex.PATH)).doesNotExist();
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
                interface Job {
                    @GuardedTask(name = "in_interface") void run();
                    @GuardedTask(name = "by_default") default void byDefault() { }
                    @GuardedTask(name = "statically") static void statically() { }
                }
                abstract static class Base { @GuardedTask(name = "in_base") abstract void run(); }
                """)).containsExactly(inInterface("void Jobs.Job.run()"), inInterface("void Jobs.Job.byDefault()"),
                inInterface("void Jobs.Job.statically()"),
                METHOD + "void Jobs.Base.run() is abstract: it has no body to guard, and annotations on methods are "
                        + "not inherited, so every override would run unguarded. Put @GuardedTask on the overriding "
                        + "methods instead.");
    }

    @Test
    void anOverrideWithoutTheAnnotationFailsTheBuild() {
        assertThat(errors("""
                static class Base { @GuardedTask(name = "based") void run() { } static void hidden() { } }
                static class Sub extends Base { @Override void run() { } static void hidden() { } }
                static class SubSub extends Sub { @Override public void run() { } }
                static class Unrelated { void run() { } }
                """)).containsExactly(unguarded("void Jobs.Sub.run()"), unguarded("void Jobs.SubSub.run()"));
    }

    @Test
    void localAndAnonymousClassesFailTheBuild() {
        assertThat(errors("""
                void schedule() {
                    class Local { @GuardedTask(name = "local") void go() { } }
                    Runnable anonymous = new Runnable() { @GuardedTask(name = "anon") public void run() { } };
                    Runnable plain = new Runnable() { public void run() { } };
                }
                """)).containsExactly(
                "@GuardedTask on method go of local class Local in Jobs: guardedtask cannot check at startup that "
                        + "local and anonymous classes were woven, so it does not support them. Move the method into "
                        + "a named class (top-level or member).",
                "@GuardedTask on method run of an anonymous class in Jobs: guardedtask cannot check at startup that "
                        + "local and anonymous classes were woven, so it does not support them. Move the method into "
                        + "a named class (top-level or member).");
    }

    @Test
    void aRecurringTaskWithASuccessTtlAndATaskOfBothKindsFailTheBuild() {
        assertThat(errors("""
                @GuardedTask(name = "odds", recurring = true, successTtl = "P7D") void odds() { }
                @GuardedTask(name = "shared") void daily() { }
                @GuardedTask(name = "shared", recurring = true) void recurring() { }
                """)).containsExactly(
                METHOD + "void Jobs.odds(): a recurring task has no success key, so successTtl has no effect on it: "
                        + "remove successTtl, or make the task daily (recurring = false).",
                METHOD + "void Jobs.recurring(): task 'shared' is recurring here but daily in void Jobs.daily(): one "
                        + "task name is one task, of one kind. Use two names, or make both the same kind.");
    }

    private static String inInterface(String signature) {
        return METHOD + signature + " is an interface method: an abstract one has no body to guard and annotations "
                + "on methods are not inherited, so implementations would run unguarded; a default or static one "
                + "cannot be woven (AspectJ adds a field that the JVM rejects in an interface, ClassFormatError). Put "
                + "@GuardedTask on the methods of the implementing classes instead.";
    }

    private static String unguarded(String signature) {
        return signature + " overrides @GuardedTask method void Jobs.Base.run() without @GuardedTask: annotations on "
                + "methods are not inherited, so this method runs unguarded, also when it calls super. Annotate it "
                + "with @GuardedTask too (without calling super, whose own guard would find the lock held and skip), "
                + "or give it another name.";
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
    void futureAndStreamReturnTypesFailTheBuildButCompletionStageAndCompletableFutureThemselvesDoNot() {
        List<String> errors = errors("""
                @GuardedTask(name = "a") CompletableFuture<String> completable() { return null; }
                @GuardedTask(name = "b") CompletionStage<Void> stage() { return null; }
                @GuardedTask(name = "b2") CompletionStage<TaskResult> stageOfResult() { return null; }
                @GuardedTask(name = "b3") Later<String> later() { return null; }
                static class Later<T> extends CompletableFuture<T> { }
                @GuardedTask(name = "c") Future<?> future() { return null; }
                @GuardedTask(name = "d") FutureTask<String> futureTask() { return null; }
                @GuardedTask(name = "e") SubmissionPublisher<String> publisher() { return null; }
                @GuardedTask(name = "f") java.util.stream.Stream<String> stream() { return null; }
                @GuardedTask(name = "g") java.util.stream.IntStream ints() { return null; }
                """);

        assertThat(errors).containsExactly(
                future("Jobs.Later Jobs.later()"),
                future("java.util.concurrent.Future Jobs.future()"),
                future("java.util.concurrent.FutureTask Jobs.futureTask()"),
                future("java.util.concurrent.SubmissionPublisher Jobs.publisher()"),
                future("java.util.stream.Stream Jobs.stream()"), future("java.util.stream.IntStream Jobs.ints()"));
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

    @Test
    void taskKeysOfEachAllowedTypeCompileCleanly() {
        assertThat(errors("""
                enum Region { EU, US }
                @GuardedTask(name = "s") void s(@TaskKey String k, TaskResult result) { }
                @GuardedTask(name = "i") void i(@TaskKey int k) { }
                @GuardedTask(name = "l") void l(@TaskKey long k, @TaskDate String date) { }
                @GuardedTask(name = "b") void b(@TaskKey byte k) { }
                @GuardedTask(name = "sh") void sh(@TaskKey Short k) { }
                @GuardedTask(name = "bl") void bl(@TaskKey Long k) { }
                @GuardedTask(name = "bi") void bi(@TaskKey java.math.BigInteger k) { }
                @GuardedTask(name = "u") void u(@TaskKey java.util.UUID k) { }
                @GuardedTask(name = "e", recurring = true) void e(@TaskKey Region k) { }
                """)).isEmpty();
    }

    @Test
    void twoTaskKeysAKeyOfAnotherTypeAndAKeyThatIsTheDateFailTheBuild() {
        assertThat(errors("""
                @GuardedTask(name = "two") void two(@TaskKey String a, @TaskKey long b) { }
                @GuardedTask(name = "real") void real(@TaskKey double amount) { }
                @GuardedTask(name = "decimal") void decimal(@TaskKey java.math.BigDecimal amount) { }
                @GuardedTask(name = "result") void result(@TaskKey TaskResult result) { }
                @GuardedTask(name = "both") void both(@TaskKey @TaskDate String day) { }
                """)).containsExactly(
                METHOD + "void Jobs.two(java.lang.String, long) declares more than one @TaskKey parameter: annotate at "
                        + "most one, of type " + KEY_TYPES + "; for a key made of several values, pass them joined in "
                        + "one String.",
                keyType("void Jobs.real(double)"), keyType("void Jobs.decimal(java.math.BigDecimal)"),
                keyType("void Jobs.result(dev.guardedtask.TaskResult)"),
                METHOD + "void Jobs.both(java.lang.String) has a parameter annotated both @TaskKey and @TaskDate: the "
                        + "date and the key of a run are two parameters; remove one of the annotations.");
    }

    @Test
    void aTaskKeyOnAMethodThatIsNotGuardedFailsTheBuild() {
        assertThat(errors("""
                void forgotten(@TaskKey String customer) { }
                interface Declared { void declared(@TaskKey String customer); }
                """)).containsExactly("@TaskKey on a parameter of void Jobs.forgotten(java.lang.String), which is "
                + "not a @GuardedTask method: it has no effect there. Annotate the method with @GuardedTask, or remove "
                + "@TaskKey.");
    }

    @Test
    void aTaskKeyedInOneMethodAndNotInAnotherFailsTheBuild() {
        assertThat(errors("""
                @GuardedTask(name = "export") void all() { }
                @GuardedTask(name = "export") void one(@TaskKey String customer) { }
                @GuardedTask(name = "sync", recurring = true) void sync(@TaskKey String file) { }
                @GuardedTask(name = "sync", recurring = true) void syncAgain(@TaskKey int file) { }
                """)).containsExactly(METHOD + "void Jobs.one(java.lang.String): task 'export' is keyed here but "
                + "unkeyed in void Jobs.all(): a run with a @TaskKey and one without take different locks and never "
                + "exclude each other. Use two names, or give both a @TaskKey (or neither).");
    }

    private static final String KEY_TYPES = "String, UUID, an enum, or an integral number (byte, short, int, long, "
            + "their boxes, BigInteger)";

    private static String keyType(String signature) {
        return METHOD + signature + " has a @TaskKey parameter of a type it does not take: declare it as " + KEY_TYPES
                + ". Not float, double or BigDecimal: their text is no stable identity (1.0 and 1); pass such a value "
                + "as a String of your choosing.";
    }

    private static String future(String signature) {
        return METHOD + signature + " returns a future, a reactive type or a stream other than CompletionStage or "
                + "CompletableFuture (a Future, a subclass of CompletableFuture, a Publisher, an RxJava type, "
                + "java.util.stream.Stream): its work goes on after the method returns, and the guard cannot hold the "
                + "lock until it ends (a Future tells no one when it is done, a subclass cannot be returned in its "
                + "place, a Publisher's work runs per subscriber), so another worker could run the task at the same "
                + "time. Return CompletionStage<T> or CompletableFuture<T> (the lock is held until it completes), or "
                + "the result itself.";
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

    @Test
    void theProcessorNeedsNothingButGuardedtaskCore() throws Exception {
        // A javac process of its own: in this JVM, javac would load the processor's classes from the test's
        // class path, which has everything.
        String coreAlone = Path.of(GuardedTask.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Files.writeString(dir.resolve("Jobs.java"), source("@GuardedTask(name = \"fine\") void fine() { }\n"));

        String first = javacProcess(coreAlone);
        String again = javacProcess(coreAlone); // reads the index the first one wrote

        assertThat(first).isEmpty();
        assertThat(again).isEmpty();
        assertThat(index()).containsExactly("Jobs");
    }

    /** What a javac process compiling {@code dir/Jobs.java} on {@code classPath} printed; it must succeed. */
    private String javacProcess(String classPath) throws IOException, InterruptedException {
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(javac.toString(), "--release", "17", "-classpath", classPath,
                "-d", dir.resolve("classes").toString(), dir.resolve("Jobs.java").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** With this JVM's processor class, so that mutation testing sees these tests use it. */
    private Javac.Messages compile(String source) {
        return Javac.compile(dir, "Jobs", source, List.of(new GuardedTaskProcessor()));
    }

    private List<String> errors(String members) {
        return compile(source(members)).errors();
    }

    private List<String> index() throws IOException {
        return Files.readAllLines(dir.resolve("classes").resolve(GuardedClassesIndex.PATH));
    }

    private static String source(String members) {
        return """
                import dev.guardedtask.*;
                import java.time.LocalDate;
                import java.util.List;
                import java.util.Optional;
                import java.util.OptionalLong;
                import java.util.concurrent.*;

                class Jobs {
                %s}
                """.formatted(members);
    }
}
