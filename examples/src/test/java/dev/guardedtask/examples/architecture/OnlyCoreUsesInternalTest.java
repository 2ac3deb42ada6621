package dev.guardedtask.examples.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static dev.guardedtask.testsupport.arch.InternalRule.ONLY_CORE_USES_INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dev.guardedtask.internal} is not API: only guardedtask-core's own packages may use it. Checked on the
 * main classes of every module on this test's class path (core, aspects, examples).
 */
class OnlyCoreUsesInternalTest {

    @Test
    void noMainClassOutsideCoreDependsOnInternal() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.guardedtask");

        assertThat(main.contain("dev.guardedtask.aspects.GuardedMethod")).as("aspects checked").isTrue();
        assertThat(main.contain("dev.guardedtask.examples.ExampleApp")).as("examples checked").isTrue();
        assertThat(main.contain("dev.guardedtask.TaskGuard")).as("core, which may use internal, imported").isTrue();
        assertThat(main.contain(getClass())).as("tests left out").isFalse();
        ONLY_CORE_USES_INTERNAL.check(main);
    }

    @Test
    void aClassOutsideCoreThatUsesInternalFailsTheRule() {
        EvaluationResult result = ONLY_CORE_USES_INTERNAL.evaluate(
                new ClassFileImporter().importClasses(ReachesIntoInternal.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .startsWith("Method <" + ReachesIntoInternal.class.getName() + ".isValid(java.lang.String)> calls "
                        + "method <dev.guardedtask.internal.Inputs.isTaskName(java.lang.String)>");
    }
}
