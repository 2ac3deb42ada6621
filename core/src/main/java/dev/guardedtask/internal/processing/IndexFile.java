package dev.guardedtask.internal.processing;

import dev.guardedtask.internal.GuardedClassesIndex;

import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@value GuardedClassesIndex#PATH} in the compiler's output: one binary class name per line. An incremental
 * compilation sees only the sources it recompiles, so the names already listed are kept; a listed class
 * that no longer declares guarded methods, or no longer exists, costs the check nothing.
 */
final class IndexFile {

    private final Filer filer;
    private final Messager messager;

    IndexFile(Filer filer, Messager messager) {
        this.filer = filer;
        this.messager = messager;
    }

    void merge(Set<String> classes) {
        if (classes.isEmpty()) {
            return;
        }
        Set<String> all = new TreeSet<>(classes);
        all.addAll(existing());
        try (Writer out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", GuardedClassesIndex.PATH).openWriter()) {
            for (String name : all) {
                out.write(name + "\n");
            }
        } catch (IOException e) {
            messager.printMessage(Diagnostic.Kind.WARNING, "guardedtask could not write " + GuardedClassesIndex.PATH
                    + " (" + e + "): GuardedTasks.install will not check that these classes were woven: " + all);
        }
    }

    private Set<String> existing() {
        Set<String> names = new TreeSet<>();
        try {
            FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", GuardedClassesIndex.PATH);
            try (Reader in = file.openReader(true)) {
                names.addAll(GuardedClassesIndex.parse(in));
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            // first compilation
        } catch (IOException | IllegalArgumentException e) {
            // unreadable or not supported by this compiler: the new names alone
        }
        return names;
    }
}
