package dev.guardedtask.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The not-woven message's two forms: how to weave, or, with AspectJ's load-time weaver running, that its include
 * missed the classes; each with an include covering their packages. (End to end, under the agent:
 * examples/load-time-weaving's {@code LoadTimeWeavingJvmTest}.)
 */
class MisuseTest {

    private static final String FOUND = "@GuardedTask methods were not woven, so they would run unguarded (no lock, "
            + "no skip): com.acme.Jobs (export); org.example.billing.Invoices (send). ";

    private static final List<String> CLASSES = List.of("com.acme.Jobs (export)", "org.example.billing.Invoices (send)");

    @Test
    void withoutTheWeaverItSaysHowToWeaveAtBuildOrLoadTime() {
        assertThat(Misuse.notWoven(CLASSES, false)).isEqualTo(FOUND + "Weave them: compile the module with ajc and "
                + "guardedtask-aspects under <aspectLibraries> (README, \"Use it in your project\"; a module compiled by "
                + "javac alone is not woven), or weave at load time: start the JVM with "
                + "-javaagent:/path/to/aspectjweaver-1.9.27.jar, keep guardedtask-aspects on the class path, and add a "
                + "META-INF/aop.xml with <aspectj><weaver><include within=\"com.acme..* || org.example.billing..*\"/>"
                + "</weaver></aspectj> covering these classes (docs/guide.md, \"Load-time weaving\").");
    }

    @Test
    void withTheWeaverRunningItSaysTheIncludeMustCoverTheClasses() {
        assertThat(Misuse.notWoven(CLASSES, true)).isEqualTo(FOUND + "The load-time weaver (-javaagent:aspectjweaver) "
                + "is running but did not weave them: your META-INF/aop.xml's <include within=...> must cover these "
                + "classes, e.g. <aspectj><weaver><include within=\"com.acme..* || org.example.billing..*\"/></weaver>"
                + "</aspectj>, and guardedtask-aspects must be on the class path (its META-INF/aop.xml names the "
                + "aspect). -Dorg.aspectj.weaver.showWeaveInfo=true lists what is woven.");
    }

    @Test
    void aClassInTheDefaultPackageIsCoveredByAStar() {
        assertThat(Misuse.notWoven(List.of("Jobs (run)", "Jobs$Inner (run)"), true))
                .contains("<include within=\"*\"/>");
    }

    @Test
    void theWeaverIsNotRunningInThisJvm() {
        assertThat(WovenClasses.loadTimeWeaverRunning()).isFalse();
    }
}
