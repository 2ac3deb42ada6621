package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.aspects.GuardedMethod.DateKind;
import dev.guardedtask.aspects.GuardedMethod.ReturnKind;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Derives a {@link GuardedMethod} by reflection, once per method. The build already rejects what
 * {@link GuardedTaskAspect}'s {@code declare error}s express; these checks hold for code woven without them,
 * with the same messages.
 */
final class MethodReader {

    private final Method method;
    private final Parameter[] parameters;

    MethodReader(Method method) {
        this.method = method;
        this.parameters = method.getParameters();
    }

    GuardedMethod read(GuardedTask task) {
        int dateIndex = single(p -> p.isAnnotationPresent(TaskDate.class), GuardedTaskAspect.TWO_DATES);
        int resultIndex = single(p -> p.getType() == TaskResult.class, GuardedTaskAspect.TWO_RESULTS);
        return new GuardedMethod(options(task), resultIndex, dateIndex, dateKind(dateIndex), returnKind());
    }

    private TaskOptions options(GuardedTask task) {
        try {
            return TaskOptions.of(task);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(message(GuardedTaskAspect.METHOD) + ": " + e.getMessage(), e);
        }
    }

    private int single(Predicate<Parameter> kind, String tooMany) {
        int[] found = IntStream.range(0, parameters.length).filter(i -> kind.test(parameters[i])).toArray();
        if (found.length > 1) {
            throw new IllegalStateException(message(tooMany));
        }
        return found.length == 0 ? -1 : found[0];
    }

    private DateKind dateKind(int index) {
        if (index < 0) {
            return DateKind.NONE;
        }
        Class<?> type = parameters[index].getType();
        if (type == String.class) {
            return DateKind.STRING;
        }
        if (type == LocalDate.class) {
            return DateKind.LOCAL_DATE;
        }
        throw new IllegalStateException(message(GuardedTaskAspect.DATE_TYPE));
    }

    private ReturnKind returnKind() {
        Class<?> type = method.getReturnType();
        if (type == void.class) {
            return ReturnKind.VOID;
        }
        if (type.isPrimitive()) {
            throw new IllegalStateException(message(GuardedTaskAspect.PRIMITIVE_RETURN));
        }
        return type == TaskResult.class ? ReturnKind.RESULT
                : type == Optional.class ? ReturnKind.OPTIONAL : ReturnKind.OTHER;
    }

    /** One of {@link GuardedTaskAspect}'s messages, naming this method as AspectJ's {@code declare error} does. */
    private String message(String template) {
        String params = Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(", "));
        return template.replace(GuardedTaskAspect.SIGNATURE, method.getReturnType().getTypeName() + " "
                + method.getDeclaringClass().getTypeName() + "." + method.getName() + "(" + params + ")");
    }
}
