package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskResult;
import dev.guardedtask.internal.Inputs;
import dev.guardedtask.internal.Misuse;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the compiler can tell about one annotated method: each misuse as its {@link Misuse} message. */
final class MethodCheck {

    /** Types whose work goes on after the method returns: the guard would release the lock too early. */
    private static final List<String> FUTURES = List.of("java.util.concurrent.Future",
            "java.util.concurrent.CompletionStage", "java.util.concurrent.Flow.Publisher",
            "org.reactivestreams.Publisher");

    private final Types types;
    private final Elements elements;
    private final List<TypeMirror> futures;
    private final boolean aspectChecksSignatures;

    /**
     * @param environment the compiler's; under ajc the aspect's {@code declare error}s report the shapes they
     *                    cover (once the aspect is woven: an unwoven class fails {@code GuardedTasks.install}),
     *                    so this leaves them out rather than report each twice
     */
    MethodCheck(ProcessingEnvironment environment) {
        this.aspectChecksSignatures = environment.getClass().getName().startsWith("org.aspectj.");
        this.types = environment.getTypeUtils();
        this.elements = environment.getElementUtils();
        this.futures = FUTURES.stream().map(elements::getTypeElement).filter(Objects::nonNull)
                .map(type -> types.erasure(type.asType())).toList();
    }

    /** The messages for a method annotated {@code @GuardedTask}, none if it is fine. */
    List<String> guarded(ExecutableElement method) {
        List<String> problems = new ArrayList<>();
        if (!hasBody(method)) {
            problems.add(Misuse.NO_BODY);
        }
        TypeMirror returned = method.getReturnType();
        if (futures.stream().anyMatch(future -> types.isAssignable(types.erasure(returned), future))) {
            problems.add(Misuse.FUTURE_RETURN);
        }
        if (!aspectChecksSignatures) {
            shapes(method, problems);
        }
        List<String> messages = new ArrayList<>(problems.stream().map(p -> Misuse.about(p, signature(method))).toList());
        messages.addAll(values(method));
        return messages;
    }

    /** The message for a {@code @TaskDate} parameter of a method with a body but no {@code @GuardedTask}. */
    Optional<String> dated(Element parameter) {
        ExecutableElement method = (ExecutableElement) parameter.getEnclosingElement();
        if (method.getAnnotation(GuardedTask.class) != null || !hasBody(method)) {
            return Optional.empty();
        }
        return Optional.of(Misuse.about(Misuse.DATE_WITHOUT_TASK, signature(method)));
    }

    static boolean hasBody(ExecutableElement method) {
        return !method.getModifiers().contains(Modifier.ABSTRACT);
    }

    /** The shapes {@code GuardedTaskAspect}'s {@code declare error}s reject when ajc weaves it. */
    private void shapes(ExecutableElement method, List<String> problems) {
        if (method.getReturnType().getKind().isPrimitive()) {
            problems.add(Misuse.PRIMITIVE_RETURN);
        }
        List<? extends VariableElement> parameters = method.getParameters();
        TypeMirror result = elements.getTypeElement(TaskResult.class.getCanonicalName()).asType();
        if (parameters.stream().filter(p -> types.isSameType(p.asType(), result)).count() > 1) {
            problems.add(Misuse.TWO_RESULTS);
        }
        List<? extends VariableElement> dates = parameters.stream()
                .filter(p -> p.getAnnotation(TaskDate.class) != null).toList();
        if (dates.size() > 1) {
            problems.add(Misuse.TWO_DATES);
        }
        if (dates.stream().anyMatch(date -> !isDateType(date.asType()))) {
            problems.add(Misuse.DATE_TYPE);
        }
    }

    private boolean isDateType(TypeMirror type) {
        return Stream.of(String.class, LocalDate.class)
                .anyMatch(allowed -> types.isSameType(type, elements.getTypeElement(allowed.getName()).asType()));
    }

    /** The name and each duration, checked by the code that reads them at run time, so with its message. */
    private List<String> values(ExecutableElement method) {
        GuardedTask task = method.getAnnotation(GuardedTask.class);
        String prefix = Misuse.about(Misuse.METHOD, signature(method)) + ": ";
        List<String> messages = new ArrayList<>();
        check(() -> Inputs.taskName(task.name()), prefix, messages);
        check(() -> Inputs.duration(task.name(), "lockTimeout", task.lockTimeout()), prefix, messages);
        check(() -> Inputs.duration(task.name(), "successTtl", task.successTtl()), prefix, messages);
        return messages;
    }

    private static void check(Runnable value, String prefix, List<String> messages) {
        try {
            value.run();
        } catch (IllegalArgumentException e) {
            messages.add(prefix + e.getMessage());
        }
    }

    /** The method as AspectJ names it: {@code <return type> <class>.<name>(<parameter types>)}, erased. */
    private String signature(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return types.erasure(method.getReturnType()) + " " + owner.getQualifiedName() + "." + method.getSimpleName()
                + method.getParameters().stream().map(p -> types.erasure(p.asType()).toString())
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
