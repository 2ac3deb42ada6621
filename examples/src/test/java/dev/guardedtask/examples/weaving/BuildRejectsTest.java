package dev.guardedtask.examples.weaving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures the aspect cannot serve fail the user's build, naming the method and the fix: the same messages
 * the aspect's runtime checks give (aspects' {@code GuardedMethodTest}), from the same constants.
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
