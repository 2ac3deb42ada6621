package dev.guardedtask.examples.ltw;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static dev.guardedtask.testsupport.arch.InternalRule.ONLY_CORE_USES_INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither this application nor its tests use {@code dev.guardedtask.internal}, which is not API: the tests
 * write the messages they expect out in full, as a user would read them.
 */
class OnlyCoreUsesInternalTest {

    @Test
    void noClassOfThisModuleDependsOnInternal() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.guardedtask.examples.ltw");

        assertThat(classes.contain(LtwJobs.class)).isTrue();
        assertThat(classes.contain(getClass())).isTrue();
        ONLY_CORE_USES_INTERNAL.check(classes);
    }
}
