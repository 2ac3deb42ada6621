package dev.guardedtask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@code TaskChain.run(null)} takes today from: its clock, else the steps' guard, else the system clock. */
class TaskChainTodayTest {

    /** 2026-11-28 23:30 UTC: already 2026-11-29 in Tokyo. */
    private static final Instant LATE = Instant.parse("2026-11-28T23:30:00Z");

    private final TaskGuard tokyo = TaskGuard.builder().inMemory().clock(Clock.fixed(LATE, ZoneId.of("Asia/Tokyo")))
            .build();
    private final TaskGuard utc = TaskGuard.builder().inMemory().clock(Clock.fixed(LATE, ZoneOffset.UTC)).build();

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
        tokyo.close();
        utc.close();
    }

    private static TaskChain.Builder chain() {
        return TaskChain.builder().step("a", date -> GuardedTasks.guardFor("ch_a")
                .run(TaskOptions.recurring("ch_a"), date, r -> { }));
    }

    @Test
    void theChainsClockWinsOverTheGuard() {
        GuardedTasks.install(tokyo);
        TaskChain chain = chain().clock(Clock.fixed(LATE, ZoneOffset.UTC)).build();

        GuardedTasks.runWith(tokyo, () -> assertThat(chain.run(null).date()).isEqualTo("20261128"));
    }

    @Test
    void withoutAClockTheInstalledGuardsToday() {
        GuardedTasks.install(tokyo);

        assertThat(chain().build().run(null).date()).isEqualTo("20261129");
    }

    @Test
    void aGuardLentToTheCallerWinsOverTheInstalledOne() {
        GuardedTasks.install(tokyo);
        TaskChain chain = chain().build();

        GuardedTasks.runWith(utc, () -> assertThat(chain.run(null).date()).isEqualTo("20261128"));
    }

    @Test
    void withoutAClockOrAGuardTheSystemClockInItsZone() {
        ChainReport report = chain().systemClock(Clock.fixed(LATE, ZoneId.of("Asia/Tokyo"))).build().run(null);

        assertThat(report.date()).isEqualTo("20261129");
        assertThat(report.results().get("a").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(report.results().get("a").reason()).isEqualTo("not_installed");
    }
}
