package dev.guardedtask.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * "Today" in tests: always a date the test set, never the wall clock's (the build enforces it, see
 * {@code dev.guardedtask.testsupport.arch.WallClockRule}). A test that does not care which day it is
 * takes {@link #fixed()} and asserts {@link #TODAY}; a test about a particular instant builds its own
 * {@code Clock.fixed(...)} or {@link MutableClock}.
 */
public final class TestClocks {

    /** The instant of {@link #fixed()}: 2026-11-28T10:15:30Z, mid-morning, far from midnight in UTC. */
    public static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

    /** Today on {@link #fixed()}: {@code 20261128}. */
    public static final String TODAY = "20261128";

    /** Today on {@link #fixed()}, as a date. */
    public static final LocalDate TODAY_DATE = LocalDate.of(2026, 11, 28);

    private TestClocks() {
    }

    /** A clock standing at {@link #NOW}, zone UTC: today is {@link #TODAY}. */
    public static Clock fixed() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A clock starting at {@link #NOW}, zone UTC, that moves only when the test moves it. */
    public static MutableClock mutable() {
        return new MutableClock(NOW);
    }
}
