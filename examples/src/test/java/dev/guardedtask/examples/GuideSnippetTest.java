package dev.guardedtask.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The guide's complete test class ("Testing your tasks") is this module's ReportJobsTest, as it is compiled and run. */
class GuideSnippetTest {

    @Test
    void theGuidesTestClassIsReportJobsTestVerbatim() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "guide.md"));
        int after = guide.indexOf("A complete test class");
        int start = guide.indexOf("```java\n", after) + "```java\n".length();
        String snippet = guide.substring(start, guide.indexOf("```", start));

        assertThat(after).as("the guide still has the complete test class").isPositive();
        assertThat(snippet).isEqualTo(Files.readString(
                Path.of("src", "test", "java", "dev", "guardedtask", "examples", "ReportJobsTest.java")));
    }
}
