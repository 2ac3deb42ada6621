package dev.guardedtask.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static dev.guardedtask.testsupport.arch.InternalRule.ONLY_CORE_USES_INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console and the CLI use only core's public API: like examples' {@code OnlyCoreUsesInternalTest} (where the
 * rule is shown to catch a violation), no main class outside guardedtask-core may use {@code dev.guardedtask.internal}.
 */
class OnlyCoreUsesInternalTest {

    @Test
    void noMainClassOutsideCoreDependsOnInternal() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.guardedtask");

        assertThat(main.contain(ConsoleServer.class)).as("console checked").isTrue();
        assertThat(main.contain(Main.class)).as("CLI checked").isTrue();
        ONLY_CORE_USES_INTERNAL.check(main);
    }
}
