package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskBody;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * What the aspect knows about one {@link GuardedTask} method, derived once: its options, where its
 * {@link TaskResult}, {@link dev.guardedtask.TaskDate} and {@link dev.guardedtask.TaskKey} parameters are (-1: none),
 * and how to map the run to its return type. Immutable.
 *
 * @param returnKind what the method returns: for {@link ReturnKind#STAGE}, a stage of a value of {@code valueKind}
 * @param valueKind what the caller gets: the kind of the return type, or of a stage's type argument
 */
record GuardedMethod(TaskOptions options, int resultIndex, int dateIndex, DateKind dateKind, ReturnKind returnKind,
                     ReturnKind valueKind, int keyIndex) {

    enum DateKind { NONE, STRING, LOCAL_DATE }

    /** How a run maps to the return type; {@code skipped}: what a skipped call returns. */
    enum ReturnKind {
        VOID(null), RESULT(null), OPTIONAL(Optional.empty()), OPTIONAL_INT(OptionalInt.empty()),
        OPTIONAL_LONG(OptionalLong.empty()), OPTIONAL_DOUBLE(OptionalDouble.empty()), OTHER(null),
        /** {@code CompletionStage} or {@code CompletableFuture}: the run is asynchronous. */
        STAGE(null);

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
        Objects.requireNonNull(valueKind, "valueKind");
        if ((dateIndex < 0) != (dateKind == DateKind.NONE)) {
            throw new IllegalArgumentException("dateIndex " + dateIndex + " does not fit dateKind " + dateKind);
        }
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
        TaskOptions task = options(args);
        Object date = dateIndex < 0 ? null : args[dateIndex];
        return dateKind == DateKind.LOCAL_DATE ? guard.runFor(task, (LocalDate) date, body)
                : guard.run(task, (String) date, body);
    }

    /** The options of this call: with the key among {@code args} if the method has one. */
    private TaskOptions options(Object[] args) {
        return keyIndex < 0 ? options : options.withKey(keyText(args[keyIndex]));
    }

    /**
     * The key's text: an enum's name, another allowed type's {@code toString()} (String, integral number, UUID);
     * {@code null} stays null, which {@link TaskOptions#withKey} refuses.
     */
    private static String keyText(Object key) {
        return key instanceof Enum<?> constant ? constant.name() : key == null ? null : key.toString();
    }

    /** Whether the method returns a stage, and its run is asynchronous. */
    boolean async() {
        return returnKind == ReturnKind.STAGE;
    }

    /**
     * Runs {@code body}, the call of a method that returns a stage, through {@code guard} without waiting: returns a
     * stage that completes with what the caller gets ({@link #returnValue}) once the run has ended and released its
     * lock, or fails with the run's {@link dev.guardedtask.TaskError}, as such.
     */
    CompletableFuture<Object> runAsync(TaskGuard guard, Object[] args, StageInvocation body) {
        TaskOptions task = options(args);
        Object date = dateIndex < 0 ? null : args[dateIndex];
        CompletableFuture<TaskResult> run = dateKind == DateKind.LOCAL_DATE
                ? guard.runForAsync(task, (LocalDate) date, body) : guard.runAsync(task, (String) date, body);
        CompletableFuture<Object> returned = new CompletableFuture<>();
        run.whenComplete((result, error) -> {
            if (error != null) {
                returned.completeExceptionally(error);
            } else {
                returned.complete(returnValue(result, body.value()));
            }
        });
        return returned;
    }

    /**
     * What the caller gets, given the run's result and what the body returned ({@code null} if it did not run); for
     * a stage, what the stage completes with.
     */
    Object returnValue(TaskResult result, Object value) {
        return switch (valueKind) {
            case VOID -> null;
            case RESULT -> result;
            default -> result.status() == TaskStatus.SKIPPED ? valueKind.skipped : value;
        };
    }
}
