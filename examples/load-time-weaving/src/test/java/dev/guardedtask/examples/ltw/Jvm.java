package dev.guardedtask.examples.ltw;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the application in a JVM of its own, with the {@code java} binary running this one: the paths it needs come
 * from surefire's system properties ({@code ltw.*}, this module's pom) or, run from a shell (StartupFigures), from
 * this JVM's class path and {@code target/}.
 */
final class Jvm {

    /** How long a started JVM may take. */
    static final long BOUND_SECONDS = 120;

    private Jvm() {
    }

    /** What a JVM printed, line by line, and its exit code. */
    record Result(int exit, List<String> out, List<String> err) {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** aspectjweaver's jar: the agent. */
    static Path weaver() {
        return jar("ltw.weaver", "aspectjweaver-");
    }

    /** aspectjtools' jar: ajc, for weaving at build time (compared with). */
    static Path tools() {
        return jar("ltw.tools", "aspectjtools-");
    }

    /** The application's javac-compiled classes: {@code target/classes}. */
    static Path classes() {
        return Path.of(System.getProperty("ltw.classes", "examples/load-time-weaving/target/classes"));
    }

    /** The application's runtime dependencies (core, aspects, Redisson, ...), as a class path. */
    static String dependencies() {
        Path file = Path.of(System.getProperty("ltw.classpath",
                "examples/load-time-weaving/target/runtime-classpath.txt"));
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": build the module first (mvn test-compile)", e);
        }
    }

    /** guardedtask-aspects among {@link #dependencies()}: a jar, or aspects/target/classes in a reactor build. */
    static String aspects() {
        return Arrays.stream(dependencies().split(File.pathSeparator))
                .filter(p -> p.contains("guardedtask-aspects") || p.replace('\\', '/').contains("/aspects/target/"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no guardedtask-aspects in " + dependencies()));
    }

    /** {@code classes} and the dependencies, as a class path. */
    static String classPath(Path classes) {
        return classes + File.pathSeparator + dependencies();
    }

    /** The command that starts {@code main} with {@code options} on {@code classPath}. */
    static List<String> command(List<String> options, String classPath, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath, main));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code command} to its end, at most {@link #BOUND_SECONDS}. */
    static Result run(List<String> command, Path dir) {
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Not ended within " + BOUND_SECONDS + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path jar(String property, String prefix) {
        String set = System.getProperty(property);
        if (set != null) {
            return Path.of(set);
        }
        String path = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Path.of(p).getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
        if (path == null) {
            throw new IllegalStateException("No " + prefix + "*.jar: set -D" + property + "=/path/to/it");
        }
        return Path.of(path);
    }

    /**
     * ajc weaves {@code classes} (javac's output) with the aspect into {@code into}: compile-time weaving. The
     * processor's index comes along (ajc's {@code -inpath} copies no resources), the application's aop.xml does not.
     */
    static void weaveAtBuildTime(Path classes, Path into, Path dir) {
        List<String> command = command(List.of(), tools() + File.pathSeparator + dependencies(),
                "org.aspectj.tools.ajc.Main", "-inpath", classes.toString(), "-aspectpath", aspects(),
                "-classpath", dependencies(), "-d", into.toString(), "--release", "17");
        Result ajc = run(command, dir);
        if (ajc.exit() != 0) {
            throw new IllegalStateException("ajc failed: " + Stream.concat(ajc.out().stream(), ajc.err().stream())
                    .collect(Collectors.joining("\n")));
        }
        try {
            Path index = Path.of("META-INF", "guardedtask", "guarded-classes");
            Files.createDirectories(into.resolve(index).getParent());
            Files.copy(classes.resolve(index), into.resolve(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
