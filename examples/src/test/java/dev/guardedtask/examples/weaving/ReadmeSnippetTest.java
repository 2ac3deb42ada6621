package dev.guardedtask.examples.weaving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README's complete example file compiles as pasted, woven as the README's build weaves it. */
class ReadmeSnippetTest {

    @TempDir
    Path dir;

    @Test
    void theReadmesExampleFileCompilesWithoutErrorsOrWarnings() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int after = readme.indexOf("A complete file");
        int start = readme.indexOf("```java\n", after) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```", start));

        Ajc.Messages messages = Ajc.compile(dir, "Jobs", source);

        assertThat(after).as("README still has the complete file").isPositive();
        assertThat(messages.errors()).isEmpty();
        assertThat(messages.warnings()).isEmpty();
        assertThat(dir.resolve("classes/Jobs.class")).isRegularFile();
        assertThat(dir.resolve("classes/META-INF/guardedtask/guarded-classes")).hasContent("Jobs");
    }
}
