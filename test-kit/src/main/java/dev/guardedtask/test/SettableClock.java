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
 * that reads the clock (the guard's, a body's, a thread the test started); moves are applied one at a time.
 */
public final class SettableClock extends Clock {

    private final ZoneId zone;
    /** The instant, shared with the clocks {@link #withZone} made. */
    private final Time time;

    /** The moving part, shared by a clock and its other-zone views. */
    private static final class Time {
        private volatile Instant now;

        Time(Instant now) {
            this.now = now;
        }
    }

    /**
     * A clock at {@code now} in {@code zone}.
     *
     * @param now the clock's first instant
     * @param zone the clock's zone
     * @throws NullPointerException if either is null
     */
    public SettableClock(Instant now, ZoneId zone) {
        this(new Time(Objects.requireNonNull(now, "SettableClock: now is null; give the instant the clock starts at")),
                zone);
    }

    private SettableClock(Time time, ZoneId zone) {
        this.time = time;
        this.zone = Objects.requireNonNull(zone, "SettableClock: zone is null; give a zone, e.g. ZoneOffset.UTC");
    }

    /**
     * Moves the clock forward (or back, for a negative duration) by {@code duration}; returns this clock.
     *
     * @param duration how far to move; negative moves back
     * @return this clock
     * @throws NullPointerException if {@code duration} is null
     */
    public SettableClock advance(Duration duration) {
        Objects.requireNonNull(duration, "SettableClock.advance: duration is null; give e.g. Duration.ofDays(1)");
        synchronized (time) {
            time.now = time.now.plus(duration);
        }
        return this;
    }

    /**
     * Puts the clock at {@code instant}; returns this clock.
     *
     * @param instant the clock's new instant
     * @return this clock
     * @throws NullPointerException if {@code instant} is null
     */
    public SettableClock set(Instant instant) {
        Objects.requireNonNull(instant, "SettableClock.set: instant is null; give e.g. "
                + "Instant.parse(\"2026-01-05T09:00:00Z\")");
        synchronized (time) {
            time.now = instant;
        }
        return this;
    }

    /**
     * Puts the clock on {@code date} at the local time of day it shows now, in its zone (at a daylight-saving
     * gap, the next valid time); returns this clock. The guard's {@code today()} is then {@code date}.
     *
     * @param date the clock's new date
     * @return this clock
     * @throws NullPointerException if {@code date} is null
     */
    public SettableClock setDate(LocalDate date) {
        Objects.requireNonNull(date, "SettableClock.setDate: date is null; give e.g. LocalDate.of(2026, 1, 5)");
        synchronized (time) {
            LocalTime timeOfDay = time.now.atZone(zone).toLocalTime();
            time.now = date.atTime(timeOfDay).atZone(zone).toInstant();
        }
        return this;
    }

    /** The zone in which the guard takes "today". */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * This clock seen in {@code zone}: the same instant, moved by the same moves. Moving either clock moves both
     * (the guard may hold such a view when a zone is set on its builder), so a test moves the clock the kit
     * handed out and the guard follows.
     *
     * @throws NullPointerException if {@code zone} is null
     */
    @Override
    public SettableClock withZone(ZoneId zone) {
        return new SettableClock(time, Objects.requireNonNull(zone, "SettableClock.withZone: zone is null"));
    }

    @Override
    public Instant instant() {
        return time.now;
    }

    @Override
    public String toString() {
        return "SettableClock[" + time.now + ", " + zone + "]";
    }
}
