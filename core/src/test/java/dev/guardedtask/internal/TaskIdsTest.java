package dev.guardedtask.internal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TaskIdsTest {

    @Test
    void idsAreEightLowercaseHexCharactersAndEveryDigitOccursInEveryPosition() {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 2_000).forEach(i -> ids.add(TaskIds.next()));

        assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{8}"));
        // 2000 random ids: each of the 16 digits shows up at each of the 8 positions (odds of missing one < 1e-50).
        for (int position = 0; position < 8; position++) {
            int at = position;
            assertThat(ids.stream().map(id -> id.charAt(at)).distinct().count()).as("position %d", at).isEqualTo(16);
        }
        assertThat(ids).hasSizeBetween(1_999, 2_000); // of 2^32 ids: two collisions have odds below 1e-6
    }
}
