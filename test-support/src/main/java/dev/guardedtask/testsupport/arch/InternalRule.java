package dev.guardedtask.testsupport.arch;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * {@code dev.guardedtask.internal} is not API: only guardedtask-core's own packages may use it. Each module
 * outside core checks its main classes against {@link #ONLY_CORE_USES_INTERNAL}. The aspect's source names the
 * misuse messages of {@code dev.guardedtask.internal.Misuse}: compile-time constants, whose text the compiler
 * copies into the aspect's class, so its jar does not depend on core's internals (which this rule proves).
 */
public final class InternalRule {

    public static final ArchRule ONLY_CORE_USES_INTERNAL = noClasses()
            .that().resideOutsideOfPackages("dev.guardedtask", "dev.guardedtask.guice..", "dev.guardedtask.internal..")
            .should().dependOnClassesThat().resideInAPackage("dev.guardedtask.internal..")
            .as("no class outside guardedtask-core should depend on dev.guardedtask.internal");

    private InternalRule() {
    }
}
