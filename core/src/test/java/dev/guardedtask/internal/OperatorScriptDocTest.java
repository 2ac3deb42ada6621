package dev.guardedtask.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/protocol.md, "Operator writes", shows each operator script as it is sent. */
class OperatorScriptDocTest {

    @ParameterizedTest
    @EnumSource(OperatorScript.class)
    void theProtocolDocumentShowsTheScriptAsSent(OperatorScript script) throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        String writes = doc.substring(doc.indexOf("## Operator writes"));

        assertThat(writes).contains("```lua\n" + script.source() + "\n```");
    }
}
