package dev.guardedtask.testsupport.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** This module's own tests keep the rule; the deliberately bad fixtures are what {@link WallClockRuleTest} checks. */
@AnalyzeClasses(packages = "dev.guardedtask",
        importOptions = {ImportOption.OnlyIncludeTests.class, NoWallClockInTestsTest.NotTheFixtures.class})
class NoWallClockInTestsTest {

    @ArchTest
    static final ArchRule rule = WallClockRule.NO_WALL_CLOCK_IN_TESTS;

    static final class NotTheFixtures implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/dev/guardedtask/testsupport/arch/fixtures/");
        }
    }
}
