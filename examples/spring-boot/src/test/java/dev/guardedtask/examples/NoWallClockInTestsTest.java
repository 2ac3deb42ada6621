package dev.guardedtask.examples;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.guardedtask.testsupport.arch.WallClockRule;

/** This module's tests take time only from a clock they set (see {@link WallClockRule}). */
@AnalyzeClasses(packages = "dev.guardedtask", importOptions = ImportOption.OnlyIncludeTests.class)
class NoWallClockInTestsTest {

    @ArchTest
    static final ArchRule rule = WallClockRule.NO_WALL_CLOCK_IN_TESTS;
}
