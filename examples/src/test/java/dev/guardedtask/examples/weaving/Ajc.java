package dev.guardedtask.examples.weaving;

import dev.guardedtask.aspects.GuardedTaskAspect;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.aspectj.tools.ajc.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles one source file as a user's build does: ajc with guardedtask-aspects on the aspect path, and the class
 * path (so core's annotation processor runs, found through {@code META-INF/services} as in a Maven build).
 */
final class Ajc {

    private Ajc() {
    }

    /** What ajc reported, with its default lint levels. */
    record Messages(List<String> errors, List<String> warnings) {
    }

    /** Compiles {@code source} as {@code className} in {@code dir}, into {@code dir/classes}. */
    static Messages compile(Path dir, String className, String source) {
        return run(arguments(dir, write(dir, className, source), "-aspectpath", aspectLibrary()));
    }

    /** The same, as a build that leaves guardedtask-aspects out of {@code <aspectLibraries>}. */
    static Messages compileWithoutAspect(Path dir, String className, String source) {
        return run(arguments(dir, write(dir, className, source)));
    }

    private static Messages run(String[] arguments) {
        MessageHandler handler = new MessageHandler();
        new Main().run(arguments, handler);
        return new Messages(texts(handler, IMessage.ERROR, true), texts(handler, IMessage.WARNING, false));
    }

    private static List<String> texts(MessageHandler handler, IMessage.Kind kind, boolean orGreater) {
        return Arrays.stream(handler.getMessages(kind, orGreater)).map(IMessage::getMessage).toList();
    }

    private static String[] arguments(Path dir, Path source, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--release", "17",
                "-classpath", System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString()));
        arguments.addAll(List.of(more));
        arguments.add(source.toString());
        return arguments.toArray(String[]::new);
    }

    private static Path write(Path dir, String className, String source) {
        try {
            return Files.writeString(dir.resolve(className + ".java"), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The guardedtask-aspects jar (or classes directory) this test runs with. */
    private static String aspectLibrary() {
        try {
            return Paths.get(GuardedTaskAspect.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
