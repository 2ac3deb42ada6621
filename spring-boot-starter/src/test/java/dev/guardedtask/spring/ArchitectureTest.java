package dev.guardedtask.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static dev.guardedtask.testsupport.arch.InternalRule.ONLY_CORE_USES_INTERNAL;
import static dev.guardedtask.testsupport.arch.WallClockRule.NO_WALL_CLOCK_IN_TESTS;
import static org.assertj.core.api.Assertions.assertThat;

/** The module uses core's public API only, and its tests take time only from a clock they set. */
class ArchitectureTest {

    @Test
    void theMainClassesUseNoInternalClassOfCore() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.guardedtask.spring");

        assertThat(main.contain(GuardedTaskAutoConfiguration.class)).as("main classes imported").isTrue();
        assertThat(main.contain(getClass())).as("tests left out").isFalse();
        ONLY_CORE_USES_INTERNAL.check(main);
    }

    @Test
    void theTestsReadNoWallClock() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.guardedtask.spring");

        assertThat(tests.contain(GuardedTaskAutoConfigurationTest.class)).as("tests imported").isTrue();
        NO_WALL_CLOCK_IN_TESTS.check(tests);
    }
}
