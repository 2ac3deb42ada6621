package dev.guardedtask.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/protocol.md shows each script as the store sends it. */
class LuaScriptDocTest {

    @ParameterizedTest
    @EnumSource(LuaScript.class)
    void theProtocolDocumentShowsTheScriptAsSent(LuaScript script) throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        String shown = script.source().lines().map(line -> "   " + line).collect(Collectors.joining("\n"));

        assertThat(doc).contains("```lua\n" + shown + "\n   ```");
    }
}
