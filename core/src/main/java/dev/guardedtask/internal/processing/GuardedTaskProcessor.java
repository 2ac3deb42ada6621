package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.internal.Misuse;
import dev.guardedtask.internal.GuardedClassesIndex;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fails the build for what the compiler can see of a misused {@link GuardedTask} ({@link MethodCheck}), under
 * javac and ajc alike, and lists the classes that declare guarded methods in {@value GuardedClassesIndex#PATH}, so
 * that installing a guard can tell an unwoven class ({@code WovenClasses}). Found by the compiler through
 * {@code META-INF/services}: users configure nothing. It looks at every type compiled (not only annotated
 * ones): a method that overrides a guarded one without the annotation is a mistake too.
 */
public final class GuardedTaskProcessor extends AbstractProcessor {

    private final Set<String> guardedClasses = new TreeSet<>();
    private final TaskKinds kinds = new TaskKinds();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        MethodCheck check = new MethodCheck(processingEnv);
        LocalClasses locals = LocalClasses.of(processingEnv);
        for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
            visit(type, check);
            for (LocalClasses.Found found : locals.guardedMethods(type)) {
                locals.error(Misuse.LOCAL_CLASS.replace("{method}", found.describe())
                        .replace("{in}", type.getQualifiedName()), found);
            }
        }
        if (round.processingOver()) {
            new IndexFile(processingEnv.getFiler(), processingEnv.getMessager()).merge(guardedClasses);
        }
        return false;
    }

    private void visit(TypeElement type, MethodCheck check) {
        List<ExecutableElement> guardedAbove = check.guardedAbove(type);
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getAnnotation(GuardedTask.class) != null) {
                guarded(method, check);
            } else {
                check.unguardedOverride(method, type, guardedAbove).ifPresent(message -> error(message, method));
                method.getParameters().stream().filter(p -> p.getAnnotation(TaskDate.class) != null).findFirst()
                        .flatMap(check::dated).ifPresent(message -> error(message, method));
                method.getParameters().stream().filter(p -> p.getAnnotation(TaskKey.class) != null).findFirst()
                        .flatMap(check::keyed).ifPresent(message -> error(message, method));
            }
        }
        ElementFilter.typesIn(type.getEnclosedElements()).forEach(member -> visit(member, check));
    }

    private void guarded(ExecutableElement method, MethodCheck check) {
        check.guarded(method).forEach(message -> error(message, method));
        kinds.conflict(method, check).ifPresent(message -> error(message, method));
        if (MethodCheck.isWeavable(method)) {
            guardedClasses.add(processingEnv.getElementUtils()
                    .getBinaryName((TypeElement) method.getEnclosingElement()).toString());
        }
    }

    private void error(String message, Element where) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, where);
    }
}
