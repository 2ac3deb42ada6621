package dev.guardedtask.console;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void durationsReadInTheTwoLargestUnits() {
        assertThat(Format.human(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Format.human(Duration.ofMillis(59_999))).isEqualTo("59s");
        assertThat(Format.human(Duration.ofSeconds(245))).isEqualTo("4m 05s");
        assertThat(Format.human(Duration.ofMinutes(123))).isEqualTo("2h 03m");
        assertThat(Format.human(Duration.ofHours(76))).isEqualTo("3d 04h");
        assertThat(Format.human(Duration.ofSeconds(-3))).isEqualTo("0ms");
        assertThat(Format.human(null)).isEqualTo("-");
    }

    @Test
    void timesReadInUtcToTheSecondOrRelativeToTheClock() {
        assertThat(Format.utc(TestClocks.NOW.plusMillis(999))).isEqualTo("2026-11-28T10:15:30Z");
        assertThat(Format.ago(TestClocks.NOW.minusSeconds(12), TestClocks.fixed())).isEqualTo("12s ago");
        assertThat(Format.ago(TestClocks.NOW.plusSeconds(3), TestClocks.fixed())).isEqualTo("in 3s");
        assertThat(Format.ago(null, TestClocks.fixed())).isEqualTo("-");
    }

    @Test
    void aCellLongerThanItsColumnIsCutWithAnEllipsisAndControlCharactersReadAsSpaces() {
        assertThat(Table.fit("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Table.fit("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(Table.fit("a\nb\u001b[0m", 10)).isEqualTo("a b [0m");
    }
}
