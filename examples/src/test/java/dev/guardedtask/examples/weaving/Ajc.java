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
import java.util.Arrays;
import java.util.List;

/** Compiles one source file as a user's build does: ajc with guardedtask-aspects on the aspect path. */
final class Ajc {

    private Ajc() {
    }

    /** What ajc reported, with its default lint levels. */
    record Messages(List<String> errors, List<String> warnings) {
    }

    /** Compiles {@code source} as {@code className} in {@code dir}. */
    static Messages compile(Path dir, String className, String source) {
        MessageHandler handler = new MessageHandler();
        new Main().run(arguments(dir, write(dir, className, source)), handler);
        return new Messages(texts(handler, IMessage.ERROR, true), texts(handler, IMessage.WARNING, false));
    }

    private static List<String> texts(MessageHandler handler, IMessage.Kind kind, boolean orGreater) {
        return Arrays.stream(handler.getMessages(kind, orGreater)).map(IMessage::getMessage).toList();
    }

    private static String[] arguments(Path dir, Path source) {
        return new String[] {
            "--release", "17",
            "-aspectpath", aspectLibrary(),
            "-classpath", System.getProperty("java.class.path"),
            "-d", dir.resolve("classes").toString(),
            source.toString(),
        };
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
