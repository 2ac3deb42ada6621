package dev.guardedtask.test;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettableClockTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void standsStillUntilMoved() {
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z").toEpochMilli());
    }

    @Test
    void advanceMovesByTheDurationAndReturnsTheClock() {
        assertThat(clock.advance(Duration.ofMinutes(90))).isSameAs(clock);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T10:30:00Z"));
    }

    @Test
    void setPutsTheClockAtTheInstant() {
        clock.set(Instant.parse("2027-02-03T04:05:06Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-02-03T04:05:06Z"));
    }

    @Test
    void setDateKeepsTheLocalTimeOfDayInTheClocksZone() {
        SettableClock paris = new SettableClock(Instant.parse("2026-01-05T23:30:00Z"), ZoneId.of("Europe/Paris"));
        paris.setDate(LocalDate.of(2026, 7, 1)); // 00:30 in Paris on Jan 6 (UTC+1); July is UTC+2

        assertThat(paris.instant()).isEqualTo(Instant.parse("2026-06-30T22:30:00Z"));
        assertThat(LocalDate.now(paris)).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void withZoneIsAViewThatMovesWithTheClock() {
        SettableClock tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
        clock.advance(Duration.ofHours(15));

        assertThat(tokyo.instant()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
        assertThat(tokyo.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(LocalDate.now(tokyo)).isEqualTo(LocalDate.of(2026, 1, 6));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void nullsAreRefusedSayingWhatToGive() {
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("SettableClock.advance: duration is null; give e.g. Duration.ofDays(1)");
        assertThatThrownBy(() -> clock.setDate(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("SettableClock.setDate: date is null; give e.g. LocalDate.of(2026, 1, 5)");
    }
}
