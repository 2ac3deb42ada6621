package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.aspects.GuardedMethod.DateKind;
import dev.guardedtask.aspects.GuardedMethod.ReturnKind;
import dev.guardedtask.internal.Misuse;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Derives a {@link GuardedMethod} by reflection, once per method. The build already rejects these shapes (core's
 * annotation processor, and {@link GuardedTaskAspect}'s {@code declare error}s); the checks here hold for code
 * compiled without them ({@code -proc:none}, load-time weaving), with the same messages.
 */
final class MethodReader {

    /** By name: no dependency on the libraries named. */
    private static final Set<String> ASYNC_TYPES = Set.of(Misuse.ASYNC_TYPES.split(","));
    private static final Set<String> STAGE_TYPES = Set.of(Misuse.STAGE_TYPES.split(","));

    /** What {@code @TaskKey} takes besides enums: the types whose text is a stable identity. */
    private static final Set<Class<?>> KEY_TYPES = Set.of(String.class, UUID.class, BigInteger.class, byte.class,
            short.class, int.class, long.class, Byte.class, Short.class, Integer.class, Long.class);

    private final Method method;
    private final Parameter[] parameters;

    MethodReader(Method method) {
        this.method = method;
        this.parameters = method.getParameters();
    }

    GuardedMethod read(GuardedTask task) {
        int dateIndex = single(p -> p.isAnnotationPresent(TaskDate.class), Misuse.TWO_DATES);
        int resultIndex = single(p -> p.getType() == TaskResult.class, Misuse.TWO_RESULTS);
        int keyIndex = keyIndex();
        ReturnKind returnKind = returnKind();
        return new GuardedMethod(options(task), resultIndex, dateIndex, dateKind(dateIndex), returnKind,
                returnKind == ReturnKind.STAGE ? stageValueKind() : returnKind, keyIndex);
    }

    private int keyIndex() {
        int index = single(p -> p.isAnnotationPresent(TaskKey.class), Misuse.TWO_KEYS);
        if (index < 0) {
            return index;
        }
        Class<?> type = parameters[index].getType();
        if (!type.isEnum() && !KEY_TYPES.contains(type)) {
            throw new IllegalStateException(message(Misuse.KEY_TYPE));
        }
        if (parameters[index].isAnnotationPresent(TaskDate.class)) {
            throw new IllegalStateException(message(Misuse.KEY_AND_DATE));
        }
        return index;
    }

    private TaskOptions options(GuardedTask task) {
        if (task.recurring() && !task.successTtl().isEmpty()) {
            throw new IllegalStateException(message(Misuse.RECURRING_TTL));
        }
        try {
            return TaskOptions.of(task);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(message(Misuse.METHOD) + ": " + e.getMessage(), e);
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
        throw new IllegalStateException(message(Misuse.DATE_TYPE));
    }

    private ReturnKind returnKind() {
        Class<?> type = method.getReturnType();
        if (type == void.class) {
            return ReturnKind.VOID;
        }
        if (type.isPrimitive()) {
            throw new IllegalStateException(message(Misuse.PRIMITIVE_RETURN));
        }
        if (STAGE_TYPES.contains(type.getName())) {
            return ReturnKind.STAGE;
        }
        if (isFuture(type)) {
            throw new IllegalStateException(message(Misuse.FUTURE_RETURN));
        }
        return ReturnKind.of(type);
    }

    /** The kind of a stage's type argument: {@code CompletionStage<TaskResult>} completes with the run's result. */
    private ReturnKind stageValueKind() {
        Type value = method.getGenericReturnType() instanceof ParameterizedType stage
                ? stage.getActualTypeArguments()[0] : Object.class;
        if (value instanceof ParameterizedType generic) {
            value = generic.getRawType();
        }
        return value instanceof Class<?> type ? ReturnKind.of(type) : ReturnKind.OTHER;
    }

    /** Whether {@code type}'s work may go on after the method returns: core's processor rejects the same. */
    private static boolean isFuture(Class<?> type) {
        return type != null && (ASYNC_TYPES.contains(type.getCanonicalName()) || isFuture(type.getSuperclass())
                || Arrays.stream(type.getInterfaces()).anyMatch(MethodReader::isFuture));
    }

    /** One of {@link Misuse}'s messages, naming this method as AspectJ's {@code declare error} does. */
    private String message(String template) {
        return template.replace(Misuse.SIGNATURE, signature(method));
    }

    /** {@code method} as AspectJ's {@code {joinpoint.signature}} names it. */
    private static String signature(Method method) {
        String params = Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(", "));
        return method.getReturnType().getTypeName() + " " + method.getDeclaringClass().getTypeName() + "."
                + method.getName() + "(" + params + ")";
    }

    /**
     * Fails, as core's annotation processor fails the build, if {@code method} ({@code guarded}) gives its task
     * name another kind than {@code earlier} ({@code earlierGuarded}), a method of the same task name: daily and
     * recurring, or keyed and unkeyed.
     *
     * @throws IllegalStateException naming both methods
     */
    static void sameKind(Method method, GuardedMethod guarded, Method earlier, GuardedMethod earlierGuarded) {
        boolean recurring = guarded.options().recurring();
        if (recurring != earlierGuarded.options().recurring()) {
            throw new IllegalStateException(kinds(Misuse.DAILY_AND_RECURRING, method, guarded, earlier,
                    recurring ? "recurring" : "daily", recurring ? "daily" : "recurring"));
        }
        boolean keyed = guarded.keyIndex() >= 0;
        if (keyed != earlierGuarded.keyIndex() >= 0) {
            throw new IllegalStateException(kinds(Misuse.KEYED_AND_UNKEYED, method, guarded, earlier,
                    keyed ? "keyed" : "unkeyed", keyed ? "unkeyed" : "keyed"));
        }
    }

    private static String kinds(String template, Method method, GuardedMethod guarded, Method earlier, String kind,
                                String otherKind) {
        return template.replace(Misuse.SIGNATURE, signature(method))
                .replace("{name}", guarded.options().name()).replace("{kind}", kind)
                .replace("{otherKind}", otherKind).replace("{other}", signature(earlier));
    }
}
