package dev.guardedtask.bench;

import java.time.LocalDate;

/**
 * Fresh dates: the {@code n}th day from 2000-01-01 as {@code YYYYMMDD}, so each call of a round takes
 * the full path (nothing completed, nothing held). About 2.9 million dates before year 9999; the
 * keyspace is flushed between rounds, so a round starts again from the first.
 */
final class Dates {

    private static final long FIRST = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long COUNT = LocalDate.of(9999, 12, 31).toEpochDay() - FIRST;

    private Dates() {
    }

    static String nth(long n) {
        LocalDate day = LocalDate.ofEpochDay(FIRST + Math.floorMod(n, COUNT));
        int value = day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
        return Integer.toString(value);
    }
}
