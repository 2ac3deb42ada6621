package dev.guardedtask.examples.ltw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as a user starts it: {@code java -javaagent:aspectjweaver-1.9.27.jar -cp ... LtwApp}, its classes
 * compiled by javac (with core's processor, as Java 17's javac runs it from the class path). Without the agent, or
 * with an include that misses the classes, installing the guard fails and says what to do.
 */
class LoadTimeWeavingJvmTest {

    private static final String MAIN = LtwApp.class.getName();

    private static final List<String> OUTPUT = List.of(
            "daily_report: report for 2026-01-05",
            "daily_report: null",
            "refresh: ltw_refresh 20260105 SUCCESS",
            "purge: ltw_purge 20260105 SUCCESS",
            "tenant_sync acme: ltw_tenant_sync 20260105 acme SUCCESS",
            "tenant_sync acme: ltw_tenant_sync 20260105 acme SKIPPED already_completed",
            "tenant_sync umbrella: ltw_tenant_sync 20260105 umbrella SUCCESS");

    private static final String UNWOVEN = "@GuardedTask methods were not woven, so they would run unguarded (no lock, "
            + "no skip): dev.guardedtask.examples.ltw.LtwJobs (dailyReport, purge, refresh, syncTenant). ";

    @TempDir
    Path dir;

    @Test
    void withTheAgentTheJavacCompiledApplicationIsGuarded() {
        Jvm.Result result = run(List.of(agent()), Jvm.classPath(Jvm.classes()));

        assertThat(result.out()).containsExactlyElementsOf(OUTPUT);
        assertThat(result.exit()).isZero();
    }

    @Test
    void withoutTheAgentInstallFailsNamingTheClassesAndTheFlag() {
        Jvm.Result result = run(List.of(), Jvm.classPath(Jvm.classes()));

        assertThat(result.exit()).isNotZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Exception in thread \"main\" java.lang.IllegalStateException: " + UNWOVEN
                + "Weave them: compile the module with ajc and guardedtask-aspects under <aspectLibraries> (README, "
                + "\"Use it in your project\"; a module compiled by javac alone is not woven), or weave at load time: "
                + "start the JVM with -javaagent:/path/to/aspectjweaver-1.9.27.jar, keep guardedtask-aspects on the "
                + "class path, and add a META-INF/aop.xml with <aspectj><weaver><include "
                + "within=\"dev.guardedtask.examples.ltw..*\"/></weaver></aspectj> covering these classes "
                + "(docs/guide.md, \"Load-time weaving\").");
    }

    @Test
    void withTheAgentAndAnIncludeThatMissesTheClassesInstallSaysTheIncludeMustCoverThem() throws IOException {
        Path classes = copy(Jvm.classes(), dir.resolve("classes"));
        Files.writeString(classes.resolve("META-INF/aop.xml"),
                "<aspectj><weaver><include within=\"com.acme..*\"/></weaver></aspectj>");

        Jvm.Result result = run(List.of(agent()), Jvm.classPath(classes));

        assertThat(result.exit()).isNotZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Exception in thread \"main\" java.lang.IllegalStateException: " + UNWOVEN
                + "The load-time weaver (-javaagent:aspectjweaver) is running but did not weave them: your "
                + "META-INF/aop.xml's <include within=...> must cover these classes, e.g. <aspectj><weaver><include "
                + "within=\"dev.guardedtask.examples.ltw..*\"/></weaver></aspectj>, and guardedtask-aspects must be "
                + "on the class path (its META-INF/aop.xml names the aspect). -Dorg.aspectj.weaver.showWeaveInfo=true "
                + "lists what is woven.");
    }

    /** Observed, not promised by AspectJ: classes ajc wove, run with the agent too, get the advice once. */
    @Test
    void classesWovenAtBuildTimeRunWithTheAgentAreGuardedOnce() {
        Path woven = dir.resolve("woven");
        Jvm.weaveAtBuildTime(Jvm.classes(), woven, dir);

        Jvm.Result withAgent = run(List.of(agent()), Jvm.classPath(woven));
        Jvm.Result without = run(List.of(), Jvm.classPath(woven));

        assertThat(withAgent.out()).containsExactlyElementsOf(OUTPUT);
        assertThat(without.out()).containsExactlyElementsOf(OUTPUT);
        assertThat(List.of(withAgent.exit(), without.exit())).containsExactly(0, 0);
    }

    private Jvm.Result run(List<String> options, String classPath) {
        return Jvm.run(Jvm.command(options, classPath, MAIN, "2026-01-05"), dir);
    }

    private static String agent() {
        return "-javaagent:" + Jvm.weaver();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
