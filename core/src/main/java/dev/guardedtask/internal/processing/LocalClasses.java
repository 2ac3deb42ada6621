package dev.guardedtask.internal.processing;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code @GuardedTask} methods declared in local and anonymous classes, which the compiler hands no
 * processor: found in javac's syntax trees (before attribution, so by the annotation's name as written). Other
 * compilers (ajc) have no such trees: there, nothing is found.
 */
final class LocalClasses {

    private static final Set<String> NAMES = Set.of("GuardedTask", "dev.guardedtask.GuardedTask");
    private static final Set<Tree.Kind> TYPE_BODIES = Set.of(Tree.Kind.CLASS, Tree.Kind.INTERFACE, Tree.Kind.ENUM,
            Tree.Kind.RECORD, Tree.Kind.ANNOTATION_TYPE, Tree.Kind.COMPILATION_UNIT);

    private final Trees trees;

    private LocalClasses(Trees trees) {
        this.trees = trees;
    }

    static LocalClasses of(ProcessingEnvironment environment) {
        try {
            return new LocalClasses(Trees.instance(environment));
        } catch (IllegalArgumentException notJavac) {
            return new LocalClasses(null);
        }
    }

    /** Each guarded method of a local or anonymous class within {@code root}, as a path to report at. */
    List<Found> guardedMethods(Element root) {
        TreePath path = trees == null ? null : trees.getPath(root);
        if (path == null) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree type, Void unused) {
                if (!TYPE_BODIES.contains(getCurrentPath().getParentPath().getLeaf().getKind())) {
                    type.getMembers().stream().filter(MethodTree.class::isInstance).map(MethodTree.class::cast)
                            .filter(LocalClasses::isGuarded)
                            .forEach(method -> found.add(new Found(type, method, getCurrentPath())));
                }
                return super.visitClass(type, unused);
            }
        }.scan(path, null);
        return found;
    }

    /** Reports {@code message} at {@code found}'s method. */
    void error(String message, Found found) {
        trees.printMessage(javax.tools.Diagnostic.Kind.ERROR, message, found.method(),
                found.where().getCompilationUnit());
    }

    private static boolean isGuarded(MethodTree method) {
        return method.getModifiers().getAnnotations().stream().map(AnnotationTree::getAnnotationType)
                .anyMatch(type -> NAMES.contains(type.toString()));
    }

    /** A guarded method of a local or anonymous class, with the path to that class. */
    record Found(ClassTree type, MethodTree method, TreePath where) {

        /** {@code "method run of an anonymous class"} or {@code "method run of local class Job"}. */
        String describe() {
            String name = type.getSimpleName().toString();
            return "method " + method.getName() + " of " + (name.isEmpty() ? "an anonymous class" : "local class " + name);
        }
    }
}
