package dev.guardedtask.spring;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/guide.md, "Spring Boot", lists exactly the {@code guardedtask.*} properties of the configuration metadata the
 * build generates (what IDEs complete), and every one has a description there.
 */
class DocsTest {

    private static String section() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "guide.md"));
        int start = guide.indexOf("\n## Spring Boot\n");
        assertThat(start).as("the section").isPositive();
        int end = guide.indexOf("\n## ", start + 1);
        return guide.substring(start, end);
    }

    private static List<JsonNode> metadata() throws IOException {
        try (InputStream in = DocsTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata generated").isNotNull();
            List<JsonNode> properties = new ArrayList<>();
            JsonMapper.shared().readTree(in).get("properties").forEach(p -> {
                if (p.get("name").asString().startsWith("guardedtask.")) {
                    properties.add(p);
                }
            });
            return properties;
        }
    }

    @Test
    void thePropertiesTableListsExactlyTheGeneratedMetadataEachDescribed() throws IOException {
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("\n\\| `(guardedtask\\.[a-z.-]+)` \\|").matcher(section());
        while (row.find()) {
            documented.add(row.group(1));
        }
        List<JsonNode> metadata = metadata();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                metadata.stream().map(p -> p.get("name").asString()).toList());
        assertThat(documented).hasSize(14);
        assertThat(metadata).allSatisfy(p -> assertThat(p.path("description").asString()).as(p.get("name")
                .asString()).isNotBlank());
    }
}
