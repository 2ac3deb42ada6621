package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskBody;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.internal.Inputs;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the aspect knows about one {@link GuardedTask} method, derived once: its options, where its
 * {@link TaskResult}, {@link dev.guardedtask.TaskDate} and {@link dev.guardedtask.TaskKey} parameters are (-1: none),
 * and how to map the run to its return type. Immutable.
 */
record GuardedMethod(TaskOptions options, int resultIndex, int dateIndex, DateKind dateKind, ReturnKind returnKind,
                     int keyIndex) {

    enum DateKind { NONE, STRING, LOCAL_DATE }

    /** How a run maps to the return type; {@code skipped}: what a skipped call returns. */
    enum ReturnKind {
        VOID(null), RESULT(null), OPTIONAL(Optional.empty()), OPTIONAL_INT(OptionalInt.empty()),
        OPTIONAL_LONG(OptionalLong.empty()), OPTIONAL_DOUBLE(OptionalDouble.empty()), OTHER(null);

        private final Object skipped;

        ReturnKind(Object skipped) {
            this.skipped = skipped;
        }

        /** The kind for a method returning {@code type}. */
        static ReturnKind of(Class<?> type) {
            return type == void.class ? VOID : type == TaskResult.class ? RESULT : type == Optional.class ? OPTIONAL
                    : type == OptionalInt.class ? OPTIONAL_INT : type == OptionalLong.class ? OPTIONAL_LONG
                    : type == OptionalDouble.class ? OPTIONAL_DOUBLE : OTHER;
        }
    }

    GuardedMethod {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dateKind, "dateKind");
        Objects.requireNonNull(returnKind, "returnKind");
        if ((dateIndex < 0) != (dateKind == DateKind.NONE)) {
            throw new IllegalArgumentException("dateIndex " + dateIndex + " does not fit dateKind " + dateKind);
        }
    }

    /** A method without a {@code @TaskKey} parameter. */
    GuardedMethod(TaskOptions options, int resultIndex, int dateIndex, DateKind dateKind, ReturnKind returnKind) {
        this(options, resultIndex, dateIndex, dateKind, returnKind, -1);
    }

    /**
     * @throws IllegalStateException naming the method, if the aspect cannot serve it
     */
    static GuardedMethod of(Method method, GuardedTask task) {
        return new MethodReader(method).read(task);
    }

    /**
     * Runs {@code body} through {@code guard} for the date among the call's {@code args} (none or null: today), and
     * the key among them if the method has one.
     *
     * @throws IllegalArgumentException for a key argument that is {@code null} or not of the key form
     */
    TaskResult run(TaskGuard guard, Object[] args, TaskBody body) {
        TaskOptions task = keyIndex < 0 ? options : options.withKey(keyText(args[keyIndex]));
        Object date = dateIndex < 0 ? null : args[dateIndex];
        return dateKind == DateKind.LOCAL_DATE ? guard.runFor(task, (LocalDate) date, body)
                : guard.run(task, (String) date, body);
    }

    /** The key's text: an enum's name, another allowed type's {@code toString()} (String, integral number, UUID). */
    private String keyText(Object key) {
        if (key == null) { // withKey(null) would mean no key
            throw new IllegalArgumentException(String.format(Inputs.INVALID_TASK_KEY, options.name(), "null"));
        }
        return key instanceof Enum<?> constant ? constant.name() : key.toString();
    }

    /** What the call returns, given the run's result and what the body returned ({@code null} if it did not run). */
    Object returnValue(TaskResult result, Object value) {
        return switch (returnKind) {
            case VOID -> null;
            case RESULT -> result;
            default -> result.status() == TaskStatus.SKIPPED ? returnKind.skipped : value;
        };
    }
}
