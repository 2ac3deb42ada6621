package dev.guardedtask.examples.ltw;

import dev.guardedtask.testsupport.EmbeddedRedis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up of the same small Redisson application ({@code LtwApp --once}: connects to an embedded Redis, installs
 * the guard, runs one guarded task) woven three ways, N times each, interleaved: (a) at build time by ajc, no
 * agent; (b) javac + {@code -javaagent} with only guardedtask-aspects' aop.xml (the weaver examines every class);
 * (c) javac + agent + the application's include. Prints min / median / max milliseconds from launching
 * {@code java} to the end of the first run (its output line). A measurement, not a test. From the repository
 * root, after {@code mvn -B -o test-compile -pl examples/load-time-weaving -am}:
 *
 * <pre>{@code
 * java -cp "examples/load-time-weaving/target/test-classes:$(cat examples/load-time-weaving/target/test-classpath.txt)" \
 *     dev.guardedtask.examples.ltw.StartupFigures 7
 * }</pre>
 */
public final class StartupFigures {

    private static final LocalDate FIRST_DATE = LocalDate.of(2026, 1, 1);

    private StartupFigures() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path dir = Files.createTempDirectory("startup-figures");
        Map<String, List<String>> variants = variants(dir);
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        variants.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            int launch = 0;
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                    List<String> command = new ArrayList<>(variant.getValue());
                    command.addAll(List.of(FIRST_DATE.plusDays(launch++).toString(), redis.uri()));
                    millis.get(variant.getKey()).add(launch(command, dir));
                }
            }
        }
        System.out.printf("%d launches each, %s, %d processors%n", rounds, System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
        millis.forEach((name, times) -> System.out.println(summary(name, times)));
    }

    private static Map<String, List<String>> variants(Path dir) throws IOException {
        Path woven = dir.resolve("woven");
        Jvm.weaveAtBuildTime(Jvm.classes(), woven, dir);
        Path libraryOnly = dir.resolve("library-only");
        copyWithoutAopXml(Jvm.classes(), libraryOnly);
        String agent = "-javaagent:" + Jvm.weaver();
        String main = "dev.guardedtask.examples.ltw.LtwApp";
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("(a) compile-time woven (ajc), no agent", Jvm.command(List.of(), Jvm.classPath(woven), main, "--once"));
        variants.put("(b) javac + agent, library aop.xml only", Jvm.command(List.of(agent), Jvm.classPath(libraryOnly),
                main, "--once"));
        variants.put("(c) javac + agent + the application's include", Jvm.command(List.of(agent),
                Jvm.classPath(Jvm.classes()), main, "--once"));
        return variants;
    }

    /** Milliseconds from starting {@code command} to its first output line, which must be a run's. */
    private static long launch(List<String> command, Path dir) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(Jvm.BOUND_SECONDS, TimeUnit.SECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (line == null || !line.startsWith("daily_report: report for ")) {
                throw new IllegalStateException("Not a run: " + line + ", " + command + ", stderr: "
                        + Files.readString(dir.resolve("stderr.txt")));
            }
            if (!process.waitFor(Jvm.BOUND_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Did not end well: " + command);
            }
            return elapsed;
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader out) {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String summary(String name, List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format("%-48s min %5d  median %5d  max %5d ms", name, sorted.get(0), median, sorted.get(n - 1));
    }

    private static void copyWithoutAopXml(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.endsWith(Path.of("META-INF", "aop.xml"))) {
                    Files.copy(file, target);
                }
            }
        }
    }
}
