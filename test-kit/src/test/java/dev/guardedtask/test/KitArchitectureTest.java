package dev.guardedtask.test;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.guardedtask.testsupport.arch.InternalRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The kit is public API of its own: it uses core's public API only, and neither the internal test support (not
 * published) nor embedded-redis outside the one class loaded only when the user asked for it.
 */
@AnalyzeClasses(packages = "dev.guardedtask.test", importOptions = ImportOption.DoNotIncludeTests.class)
class KitArchitectureTest {

    @ArchTest
    static final ArchRule onlyCoreUsesInternal = InternalRule.ONLY_CORE_USES_INTERNAL;

    @ArchTest
    static final ArchRule noTestSupport = noClasses().should().dependOnClassesThat()
            .resideInAPackage("dev.guardedtask.testsupport..")
            .as("the kit does not use guardedtask-test-support (internal, not published)");

    @ArchTest
    static final ArchRule embeddedRedisInOneClass = noClasses().that().doNotHaveSimpleName("EmbeddedServer")
            .should().dependOnClassesThat().resideInAPackage("redis.embedded..")
            .as("only EmbeddedServer names embedded-redis, an optional dependency");
}
