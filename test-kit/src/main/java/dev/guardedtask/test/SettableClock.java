package dev.guardedtask.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that stands still until the test moves it: the clock of the guard {@link GuardedTaskExtension} builds
 * for each test, so that "today" is the date the test says and an in-memory lock expires when the test says.
 * Each test gets a fresh one, at {@link GuardedTaskTest#instant()} (default {@code 2026-01-05T09:00:00Z}) in
 * {@link GuardedTaskTest#zone()} (default UTC).
 *
 * <p>Thread-safe: the instant is one volatile field, so a move made by the test is seen at once by every thread
 * that reads the clock (the guard's, a body's, a thread the test started). Two threads moving it at once each
 * apply their move to what they read; move it from the test's thread.
 */
public final class SettableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    /**
     * A clock at {@code now} in {@code zone}.
     *
     * @throws NullPointerException if either is null
     */
    public SettableClock(Instant now, ZoneId zone) {
        this.now = Objects.requireNonNull(now, "SettableClock: now is null; give the instant the clock starts at");
        this.zone = Objects.requireNonNull(zone, "SettableClock: zone is null; give a zone, e.g. ZoneOffset.UTC");
    }

    /**
     * Moves the clock forward (or back, for a negative duration) by {@code duration}; returns this clock.
     *
     * @throws NullPointerException if {@code duration} is null
     */
    public SettableClock advance(Duration duration) {
        Objects.requireNonNull(duration, "SettableClock.advance: duration is null; give e.g. Duration.ofDays(1)");
        now = now.plus(duration);
        return this;
    }

    /**
     * Puts the clock at {@code instant}; returns this clock.
     *
     * @throws NullPointerException if {@code instant} is null
     */
    public SettableClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "SettableClock.set: instant is null; give e.g. "
                + "Instant.parse(\"2026-01-05T09:00:00Z\")");
        return this;
    }

    /**
     * Puts the clock on {@code date} at the local time of day it shows now, in its zone (at a daylight-saving
     * gap, the next valid time); returns this clock. The guard's {@code today()} is then {@code date}.
     *
     * @throws NullPointerException if {@code date} is null
     */
    public SettableClock setDate(LocalDate date) {
        Objects.requireNonNull(date, "SettableClock.setDate: date is null; give e.g. LocalDate.of(2026, 1, 5)");
        LocalTime time = now.atZone(zone).toLocalTime();
        now = date.atTime(time).atZone(zone).toInstant();
        return this;
    }

    /** The zone in which the guard takes "today". */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A new, separate clock at the same instant in {@code zone}: moving one does not move the other. Move the
     * clock the kit handed out ({@link TaskTester#clock()}), which is the guard's.
     */
    @Override
    public SettableClock withZone(ZoneId zone) {
        return new SettableClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public String toString() {
        return "SettableClock[" + now + ", " + zone + "]";
    }
}
