package dev.guardedtask.examples.weaving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Signatures the aspect cannot serve fail the user's build, naming the method and the fix. */
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
                """)).singleElement().asString()
                .contains("long Jobs.count(dev.guardedtask.TaskResult)")
                .contains("returns a primitive")
                .contains("return void, TaskResult or a reference type such as Long or Optional<Long>");
    }

    @Test
    void twoTaskResultParametersFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "doubled")
                void doubled(TaskResult first, String label, TaskResult second) { }
                """)).singleElement().asString()
                .contains("void Jobs.doubled(dev.guardedtask.TaskResult, java.lang.String, dev.guardedtask.TaskResult)")
                .contains("declares two TaskResult parameters: declare at most one");
    }

    @Test
    void twoTaskDateParametersFailTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "dated")
                void dated(@TaskDate String from, TaskResult result, @TaskDate LocalDate to) { }
                """)).singleElement().asString()
                .contains("void Jobs.dated(java.lang.String, dev.guardedtask.TaskResult, java.time.LocalDate)")
                .contains("declares two @TaskDate parameters: annotate at most one");
    }

    @Test
    void taskDateOfAnotherTypeFailsTheBuild() {
        assertThat(compile("""
                @GuardedTask(name = "dated")
                void dated(@TaskDate java.util.Date date) { }
                """)).singleElement().asString()
                .contains("void Jobs.dated(java.util.Date)")
                .contains("neither String nor LocalDate: declare it as String (YYYYMMDD) or java.time.LocalDate");
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
