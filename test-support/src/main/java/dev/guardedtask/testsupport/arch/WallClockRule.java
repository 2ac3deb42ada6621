package dev.guardedtask.testsupport.arch;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;

/**
 * Tests never read the wall clock: a test that asserts a date it did not set passes only on the day
 * it was written. Every module runs {@link #NO_WALL_CLOCK_IN_TESTS} over its own test classes:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "dev.guardedtask", importOptions = ImportOption.OnlyIncludeTests.class)
 * class NoWallClockInTestsTest {
 *     @ArchTest
 *     static final ArchRule rule = WallClockRule.NO_WALL_CLOCK_IN_TESTS;
 * }
 * }</pre>
 *
 * <p>A violation is a method, constructor or initializer (lambdas count as part of the method that
 * holds them) that
 * <ul>
 *   <li>calls {@code Clock.systemUTC()}, {@code Clock.systemDefaultZone()} or {@code Clock.system(zone)};</li>
 *   <li>calls {@code now()} or {@code now(zone)} of any {@code java.time} type ({@code now(clock)} is fine);</li>
 *   <li>calls {@code System.currentTimeMillis()} or {@code new Date()};</li>
 *   <li>builds a {@code TaskGuard} ({@code TaskGuard.Builder.build()}) without calling
 *   {@code TaskGuard.Builder.clock(Clock)} in the same method: its "today" would be the wall clock's.
 *   A shared helper that builds guards on a fixed clock satisfies this for its callers.</li>
 * </ul>
 * The one exception is {@link WallClockAllowed} on the method, constructor or class, with the reason.
 * The rule names the guard's builder by its class name, so this module need not depend on core.
 */
public final class WallClockRule {

    /** The rule; check it against test classes only ({@code ImportOption.OnlyIncludeTests}). */
    public static final ArchRule NO_WALL_CLOCK_IN_TESTS = codeUnits()
            .that().areNotAnnotatedWith(WallClockAllowed.class)
            .and().areDeclaredInClassesThat().areNotAnnotatedWith(WallClockAllowed.class)
            .should(takeTimeOnlyFromAClockTheTestSet())
            .as("test code takes time only from a clock the test set, never from the wall clock");

    static final String GUARD_BUILDER = "dev.guardedtask.TaskGuard$Builder";

    private static final Set<String> SYSTEM_CLOCKS = Set.of("systemUTC", "systemDefaultZone", "system");

    private static final String FIX = "take time from a clock the test set (TestClocks.fixed(), a MutableClock, "
            + "Clock.fixed(...)) and pass it on, e.g. LocalDate.now(clock)";

    private WallClockRule() {
    }

    private static ArchCondition<JavaCodeUnit> takeTimeOnlyFromAClockTheTestSet() {
        return new ArchCondition<>("take time only from a clock the test set") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                unit.getCallsFromSelf().forEach(call -> {
                    if (readsWallClock(call)) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " calls "
                                + shortName(call) + " " + call.getSourceCodeLocation() + ": " + FIX));
                    }
                });
                buildsGuardWithoutClock(unit, events);
            }
        };
    }

    private static boolean readsWallClock(JavaCall<?> call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        List<String> parameters = parameterNames(call);
        return owner.equals("java.time.Clock") && SYSTEM_CLOCKS.contains(name)
                || owner.startsWith("java.time.") && name.equals("now") && !parameters.equals(List.of("java.time.Clock"))
                || owner.equals("java.lang.System") && name.equals("currentTimeMillis")
                || owner.equals("java.util.Date") && name.equals("<init>") && parameters.isEmpty();
    }

    private static void buildsGuardWithoutClock(JavaCodeUnit unit, ConditionEvents events) {
        boolean setsClock = unit.getCallsFromSelf().stream().anyMatch(call -> isGuardBuilder(call, "clock")
                && parameterNames(call).equals(List.of("java.time.Clock")));
        if (setsClock) {
            return;
        }
        unit.getCallsFromSelf().stream().filter(call -> isGuardBuilder(call, "build")).forEach(call ->
                events.add(SimpleConditionEvent.violated(unit, unit.getFullName()
                        + " builds a TaskGuard without .clock(...) " + call.getSourceCodeLocation()
                        + ": its today would be the wall clock's; call .clock(TestClocks.fixed()) (or another "
                        + "clock the test set) on the builder in the same method")));
    }

    private static boolean isGuardBuilder(JavaCall<?> call, String method) {
        return call.getTargetOwner().getName().equals(GUARD_BUILDER) && call.getName().equals(method);
    }

    private static List<String> parameterNames(JavaCall<?> call) {
        return call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toList();
    }

    private static String shortName(JavaCall<?> call) {
        String owner = call.getTargetOwner().getSimpleName();
        List<String> parameters = call.getTarget().getRawParameterTypes().stream().map(JavaClass::getSimpleName).toList();
        String arguments = "(" + String.join(", ", parameters) + ")";
        return call.getName().equals("<init>") ? "new " + owner + arguments : owner + "." + call.getName() + arguments;
    }
}
