package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.internal.WovenClasses;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fails the build for what the compiler can see of a misused {@link GuardedTask} ({@link MethodCheck}), under
 * javac and ajc alike, and lists the classes that declare guarded methods in {@value WovenClasses#INDEX}, so
 * that installing a guard can tell an unwoven class ({@link WovenClasses}). Found by the compiler through
 * {@code META-INF/services}: users configure nothing.
 */
public final class GuardedTaskProcessor extends AbstractProcessor {

    private final Set<String> guardedClasses = new TreeSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(GuardedTask.class.getName(), TaskDate.class.getName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        MethodCheck check = new MethodCheck(processingEnv);
        for (Element element : round.getElementsAnnotatedWith(GuardedTask.class)) {
            ExecutableElement method = (ExecutableElement) element;
            check.guarded(method).forEach(message -> error(message, method));
            if (MethodCheck.hasBody(method)) {
                guardedClasses.add(binaryName(method));
            }
        }
        for (Element parameter : round.getElementsAnnotatedWith(TaskDate.class)) {
            check.dated(parameter).ifPresent(message -> error(message, parameter));
        }
        if (round.processingOver()) {
            new IndexFile(processingEnv.getFiler(), processingEnv.getMessager()).merge(guardedClasses);
        }
        return false;
    }

    private String binaryName(ExecutableElement method) {
        return processingEnv.getElementUtils().getBinaryName((TypeElement) method.getEnclosingElement()).toString();
    }

    private void error(String message, Element where) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, where);
    }
}
