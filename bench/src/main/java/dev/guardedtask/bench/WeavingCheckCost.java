package dev.guardedtask.bench;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the startup check of {@link GuardedTasks#install} costs: {@code classes} classes of {@code methods} guarded
 * methods each, listed in the index and loaded by a fresh class loader, as at an application's start. They are
 * compiled by javac with the method ajc would add for each woven body ({@code <name>_aroundBody<n>}), so the check
 * passes; a real woven class is larger (its join point fields), which the figure leaves out.
 *
 * <pre>{@code java -cp bench/target/guardedtask-bench.jar dev.guardedtask.bench.WeavingCheckCost [classes] [methods]}</pre>
 */
public final class WeavingCheckCost {

    private WeavingCheckCost() {
    }

    public static void main(String[] args) throws IOException {
        int classes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int methods = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("guardedtask-weaving-check");
        List<String> sources = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            sources.add(Files.writeString(dir.resolve("Jobs" + c + ".java"), source(c, methods)).toString());
        }
        List<String> javac = new ArrayList<>(List.of("-proc:none", "-d", dir.toString(), "-cp",
                System.getProperty("java.class.path")));
        javac.addAll(sources);
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed");
        }
        StringBuilder index = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            index.append("bench.Jobs").append(c).append('\n');
        }
        Files.createDirectories(dir.resolve("META-INF/guardedtask"));
        Files.writeString(dir.resolve("META-INF/guardedtask/guarded-classes"), index);

        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(Clock.systemUTC()).build();
             URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original)) {
            Thread.currentThread().setContextClassLoader(loader);
            long start = System.nanoTime();
            GuardedTasks.install(guard);
            long first = System.nanoTime() - start;
            start = System.nanoTime();
            GuardedTasks.install(guard);
            long again = System.nanoTime() - start;
            System.out.printf("%d classes x %d guarded methods: first install %.1f ms, again %.3f ms%n",
                    classes, methods, first / 1e6, again / 1e6);
        } finally {
            Thread.currentThread().setContextClassLoader(original);
            GuardedTasks.uninstall();
        }
    }

    private static String source(int c, int methods) {
        StringBuilder source = new StringBuilder("package bench;\npublic class Jobs" + c + " {\n");
        for (int m = 0; m < methods; m++) {
            source.append("  @dev.guardedtask.GuardedTask(name = \"task_").append(c).append('_').append(m)
                    .append("\") public Object run").append(m).append("(dev.guardedtask.TaskResult result) { return null; }\n")
                    .append("  static Object run").append(m).append("_aroundBody").append(2 * m)
                    .append("(Jobs").append(c).append(" self, dev.guardedtask.TaskResult result, Object joinPoint) { return null; }\n");
        }
        return source.append("}\n").toString();
    }
}
