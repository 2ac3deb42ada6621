package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.internal.Inputs;
import dev.guardedtask.internal.Misuse;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the compiler can tell about one method: each misuse as its {@link Misuse} message. */
final class MethodCheck {

    private static final Set<String> ASYNC_TYPES = Set.of(Misuse.ASYNC_TYPES.split(","));
    private static final Set<String> STAGE_TYPES = Set.of(Misuse.STAGE_TYPES.split(","));

    private final Types types;
    private final Elements elements;
    private final boolean aspectChecksShapes;

    /**
     * @param environment the compiler's; under ajc the aspect's {@code declare error}s report the shapes they
     *                    cover (once the aspect is woven: an unwoven class fails {@code GuardedTasks.install}),
     *                    so this leaves them out rather than report each twice
     */
    MethodCheck(ProcessingEnvironment environment) {
        this.types = environment.getTypeUtils();
        this.elements = environment.getElementUtils();
        this.aspectChecksShapes = environment.getClass().getName().startsWith("org.aspectj.");
    }

    /** Whether the weaver can wrap {@code method}: it has a body, in a class (interfaces cannot take it). */
    static boolean isWeavable(ExecutableElement method) {
        return !method.getModifiers().contains(Modifier.ABSTRACT) && !method.getEnclosingElement().getKind().isInterface();
    }

    /** The messages for a method annotated {@code @GuardedTask}, none if it is fine. */
    List<String> guarded(ExecutableElement method) {
        GuardedTask task = method.getAnnotation(GuardedTask.class);
        List<String> problems = new ArrayList<>();
        if (method.getEnclosingElement().getKind().isInterface()) {
            problems.add(Misuse.IN_INTERFACE);
        } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.add(Misuse.NO_BODY);
        }
        if (isAsync(method.getReturnType())) {
            problems.add(Misuse.FUTURE_RETURN);
        }
        if (task.recurring() && !task.successTtl().isEmpty()) {
            problems.add(Misuse.RECURRING_TTL);
        }
        if (!aspectChecksShapes) {
            shapes(method, problems);
        }
        List<String> messages = new ArrayList<>(problems.stream().map(p -> Misuse.about(p, signature(method))).toList());
        messages.addAll(values(method, task));
        return messages;
    }

    /** The guarded methods that {@code type}'s supertypes declare: what its own methods must not override bare. */
    List<ExecutableElement> guardedAbove(TypeElement type) {
        return supertypes(type.asType()).distinct().flatMap(s -> ElementFilter.methodsIn(s.getEnclosedElements()).stream())
                .filter(m -> m.getAnnotation(GuardedTask.class) != null).toList();
    }

    /** The message if {@code method} of {@code type}, not guarded, overrides one of {@code guardedAbove}. */
    Optional<String> unguardedOverride(ExecutableElement method, TypeElement type, List<ExecutableElement> guardedAbove) {
        return guardedAbove.stream().filter(m -> elements.overrides(method, m, type)).findFirst()
                .map(overridden -> Misuse.about(Misuse.UNGUARDED_OVERRIDE, signature(method))
                        .replace("{overridden}", signature(overridden)));
    }

    /** The message for a {@code @TaskDate} parameter of a method with a body but no {@code @GuardedTask}. */
    Optional<String> dated(VariableElement parameter) {
        return withoutTask(parameter, Misuse.DATE_WITHOUT_TASK);
    }

    /** The message for a {@code @TaskKey} parameter of a method with a body but no {@code @GuardedTask}. */
    Optional<String> keyed(VariableElement parameter) {
        return withoutTask(parameter, Misuse.KEY_WITHOUT_TASK);
    }

    private Optional<String> withoutTask(VariableElement parameter, String template) {
        ExecutableElement method = (ExecutableElement) parameter.getEnclosingElement();
        return method.getModifiers().contains(Modifier.ABSTRACT) ? Optional.empty()
                : Optional.of(Misuse.about(template, signature(method)));
    }

    /** The method as AspectJ names it: {@code <return type> <class>.<name>(<parameter types>)}, erased. */
    String signature(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return types.erasure(method.getReturnType()) + " " + owner.getQualifiedName() + "." + method.getSimpleName()
                + method.getParameters().stream().map(p -> types.erasure(p.asType()).toString())
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Whether {@code type} or one of its supertypes is one of {@link Misuse#ASYNC_TYPES}, and {@code type} is not
     * one of the {@link Misuse#STAGE_TYPES} guarded methods may return.
     */
    private boolean isAsync(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && !STAGE_TYPES.contains(asElement(type).getQualifiedName().toString())
                && Stream.concat(Stream.of(asElement(type)), supertypes(type))
                        .anyMatch(t -> ASYNC_TYPES.contains(t.getQualifiedName().toString()));
    }

    /** Every proper supertype of {@code type}, declared ones only, with repeats. */
    private Stream<TypeElement> supertypes(TypeMirror type) {
        return types.directSupertypes(type).stream().filter(t -> t.getKind() == TypeKind.DECLARED)
                .flatMap(t -> Stream.concat(Stream.of(asElement(t)), supertypes(t)));
    }

    private static TypeElement asElement(TypeMirror type) {
        return (TypeElement) ((DeclaredType) type).asElement();
    }

    /** The shapes {@code GuardedTaskAspect}'s {@code declare error}s reject when ajc weaves it. */
    private void shapes(ExecutableElement method, List<String> problems) {
        if (method.getReturnType().getKind().isPrimitive()) {
            problems.add(Misuse.PRIMITIVE_RETURN);
        }
        List<? extends VariableElement> parameters = method.getParameters();
        TypeMirror result = elements.getTypeElement("dev.guardedtask.TaskResult").asType(); // not loaded: no Json
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
        keyShapes(parameters, problems);
    }

    private void keyShapes(List<? extends VariableElement> parameters, List<String> problems) {
        List<? extends VariableElement> keys = parameters.stream().filter(p -> p.getAnnotation(TaskKey.class) != null).toList();
        if (keys.size() > 1) {
            problems.add(Misuse.TWO_KEYS);
        }
        if (keys.stream().anyMatch(key -> !isKeyType(key.asType()))) {
            problems.add(Misuse.KEY_TYPE);
        }
        if (keys.stream().anyMatch(key -> key.getAnnotation(TaskDate.class) != null)) {
            problems.add(Misuse.KEY_AND_DATE);
        }
    }

    private boolean isDateType(TypeMirror type) {
        return isOneOf(type, String.class, LocalDate.class);
    }

    /** String, UUID, an enum, or an integral number: the types whose text is a stable identity. */
    private boolean isKeyType(TypeMirror type) {
        return switch (type.getKind()) {
            case BYTE, SHORT, INT, LONG -> true;
            case DECLARED -> asElement(type).getKind() == ElementKind.ENUM || isOneOf(type, String.class, UUID.class,
                    BigInteger.class, Byte.class, Short.class, Integer.class, Long.class);
            default -> false;
        };
    }

    private boolean isOneOf(TypeMirror type, Class<?>... allowed) {
        return Stream.of(allowed)
                .anyMatch(a -> types.isSameType(type, elements.getTypeElement(a.getName()).asType()));
    }

    /** The name and each duration, checked by the code that reads them at run time, so with its message. */
    private List<String> values(ExecutableElement method, GuardedTask task) {
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
}
