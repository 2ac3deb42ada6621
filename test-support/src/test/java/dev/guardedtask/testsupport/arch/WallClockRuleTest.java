package dev.guardedtask.testsupport.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.guardedtask.testsupport.arch.fixtures.GuardBuilders;
import dev.guardedtask.testsupport.arch.fixtures.WallClockReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule fails on deliberately bad fixtures, once per bad call, with a message naming call, place and fix. */
class WallClockRuleTest {

    private static final String FIX = ": take time from a clock the test set (TestClocks.fixed(), a MutableClock, "
            + "Clock.fixed(...)) and pass it on, e.g. LocalDate.now(clock)";
    private static final String READER = WallClockReader.class.getName();
    private static final String BUILDERS = GuardBuilders.class.getName();

    @Test
    void everyWallClockReadIsAViolationNamingTheCallItsLineAndTheFix() {
        JavaClasses classes = new ClassFileImporter().importClasses(WallClockReader.class);

        assertThat(WallClockRule.NO_WALL_CLOCK_IN_TESTS.evaluate(classes).getFailureReport().getDetails())
                .containsExactlyInAnyOrder(
                        READER + ".systemDefaultZone() calls Clock.systemDefaultZone() (WallClockReader.java:19)" + FIX,
                        READER + ".systemUtc() calls Clock.systemUTC() (WallClockReader.java:23)" + FIX,
                        READER + ".systemInZone() calls Clock.system(ZoneId) (WallClockReader.java:27)" + FIX,
                        READER + ".localDate() calls LocalDate.now() (WallClockReader.java:31)" + FIX,
                        READER + ".localDateTime() calls LocalDateTime.now() (WallClockReader.java:35)" + FIX,
                        READER + ".zonedDateTime() calls ZonedDateTime.now() (WallClockReader.java:39)" + FIX,
                        READER + ".instant() calls Instant.now() (WallClockReader.java:43)" + FIX,
                        READER + ".offsetDateTime() calls OffsetDateTime.now() (WallClockReader.java:47)" + FIX,
                        READER + ".localDateInZone() calls LocalDate.now(ZoneId) (WallClockReader.java:51)" + FIX,
                        READER + ".millis() calls System.currentTimeMillis() (WallClockReader.java:55)" + FIX,
                        READER + ".date() calls new Date() (WallClockReader.java:59)" + FIX,
                        READER + ".inALambda() calls LocalDate.now() (WallClockReader.java:63)" + FIX);
    }

    @Test
    void buildingAGuardWithoutAClockInTheSameMethodIsAViolation() {
        JavaClasses classes = new ClassFileImporter().importClasses(GuardBuilders.class);

        String fix = ": its today would be the wall clock's; call .clock(TestClocks.fixed()) (or another clock the "
                + "test set) on the builder in the same method";
        assertThat(WallClockRule.NO_WALL_CLOCK_IN_TESTS.evaluate(classes).getFailureReport().getDetails())
                .containsExactlyInAnyOrder(
                        BUILDERS + ".<init>() builds a TaskGuard without .clock(...) (GuardBuilders.java:11)" + fix,
                        BUILDERS + ".withoutClock() builds a TaskGuard without .clock(...) (GuardBuilders.java:14)" + fix,
                        BUILDERS + ".withoutClockInALambda() builds a TaskGuard without .clock(...) "
                                + "(GuardBuilders.java:18)" + fix);
    }

    @Test
    void checkingTheRuleFailsTheTestWithTheRuleAndTheCountInTheMessage() {
        JavaClasses classes = new ClassFileImporter().importClasses(GuardBuilders.class);

        assertThatThrownBy(() -> WallClockRule.NO_WALL_CLOCK_IN_TESTS.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Architecture Violation [Priority: MEDIUM] - Rule 'test code takes time only "
                        + "from a clock the test set, never from the wall clock' was violated (3 times):");
    }
}
