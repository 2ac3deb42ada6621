package dev.guardedtask.testsupport;

import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles source files with the JDK's javac as a user's plain build does: the test's class path, so the
 * annotation processors listed in {@code META-INF/services} there run (javac's default on Java 17).
 */
public final class Javac {

    private Javac() {
    }

    /** What javac reported: the messages of its errors and of its warnings (notes left out). */
    public record Messages(List<String> errors, List<String> warnings) {
    }

    /** Compiles {@code source} as {@code className}.java in {@code dir}, into {@code dir/classes}. */
    public static Messages compile(Path dir, String className, String source) {
        return compile(dir, className, source, List.of());
    }

    /**
     * The same with these processors instead of the ones javac finds on the class path: instances of this
     * JVM's classes, which a mutation tester can change (javac would load its own copies of the classes).
     */
    public static Messages compile(Path dir, String className, String source, List<? extends Processor> processors) {
        return compile(dir, className, source, processors, System.getProperty("java.class.path"));
    }

    /** The same on {@code classPath} alone, where javac also finds the processors. */
    public static Messages compileOn(Path dir, String className, String source, String classPath) {
        return compile(dir, className, source, List.of(), classPath);
    }

    /**
     * The same with {@code -proc:none}: no annotation processor runs, as in a build that turned them off (or javac
     * 23+ without {@code -proc:full}), so none of guardedtask's build checks, and no index of guarded classes.
     */
    public static Messages compileWithoutProcessors(Path dir, String className, String source) {
        return compile(dir, className, source, List.of(), System.getProperty("java.class.path"), List.of("-proc:none"));
    }

    private static Messages compile(Path dir, String className, String source, List<? extends Processor> processors,
                                    String classPath) {
        return compile(dir, className, source, processors, classPath, List.of());
    }

    private static Messages compile(Path dir, String className, String source, List<? extends Processor> processors,
                                    String classPath, List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                    "-classpath", classPath));
            arguments.addAll(options);
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, arguments, null,
                    files.getJavaFileObjects(Files.writeString(dir.resolve(className + ".java"), source)));
            if (!processors.isEmpty()) {
                task.setProcessors(processors);
            }
            task.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Messages(messages(diagnostics, Diagnostic.Kind.ERROR), messages(diagnostics, Diagnostic.Kind.WARNING));
    }

    private static List<String> messages(DiagnosticCollector<JavaFileObject> diagnostics, Diagnostic.Kind kind) {
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == kind)
                .map(d -> d.getMessage(Locale.ROOT)).toList();
    }
}
