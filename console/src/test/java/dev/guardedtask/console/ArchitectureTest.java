package dev.guardedtask.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static dev.guardedtask.testsupport.arch.InternalRule.ONLY_CORE_USES_INTERNAL;
import static dev.guardedtask.testsupport.arch.WallClockRule.NO_WALL_CLOCK_IN_TESTS;
import static org.assertj.core.api.Assertions.assertThat;

/** The console uses core's public API only, and its tests take time only from a clock they set. */
class ArchitectureTest {

    @Test
    void theConsolesMainClassesUseNoInternalClassOfCore() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.guardedtask.console");

        assertThat(main.contain(Main.class)).as("main classes imported").isTrue();
        assertThat(main.contain(getClass())).as("tests left out").isFalse();
        ONLY_CORE_USES_INTERNAL.check(main);
    }

    @Test
    void theConsolesTestsReadNoWallClock() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.guardedtask.console");

        assertThat(tests.contain(CliTest.class)).as("tests imported").isTrue();
        NO_WALL_CLOCK_IN_TESTS.check(tests);
    }
}
