package dev.guardedtask.internal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void scalarsAreWrittenAsJsonLiterals() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(42L)).isEqualTo("42");
        assertThat(Json.write(-1.5)).isEqualTo("-1.5");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(false)).isEqualTo("false");
        assertThat(Json.write("text")).isEqualTo("\"text\"");
    }

    @Test
    void otherObjectsAreWrittenAsTheStringOfTheirToString() {
        assertThat(Json.write(new StringBuilder("built"))).isEqualTo("\"built\"");
        assertThat(Json.write('c')).isEqualTo("\"c\"");
    }

    @Test
    void collectionsAreArraysWithCommasOnlyBetweenItems() {
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.write(List.of("a"))).isEqualTo("[\"a\"]");
        assertThat(Json.write(Arrays.asList("a", null, 3, List.of(true, false)))).isEqualTo("[\"a\",null,3,[true,false]]");
    }

    @Test
    void mapsAreObjectsInIterationOrderWithKeysAsStrings() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put(7, "seven");
        map.put("nested", Map.of("k", List.of()));
        map.put(null, null);

        assertThat(Json.write(Map.of())).isEqualTo("{}");
        assertThat(Json.write(map)).isEqualTo("{\"z\":1,\"7\":\"seven\",\"nested\":{\"k\":[]},\"null\":null}");
    }

    @Test
    void quotesBackslashesAndWhiteSpaceControlsGetShortEscapes() {
        assertThat(Json.write("a\"b\\c\nd\re\tf")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\"");
    }

    @Test
    void otherControlCharactersGetUnicodeEscapesAndTheRestIsKept() {
        assertThat(Json.write("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(Json.write(" ~\u007fé€")).isEqualTo("\" ~\u007fé€\"");
        assertThat(Json.write("\b\f")).isEqualTo("\"\\u0008\\u000c\"");
    }
}
