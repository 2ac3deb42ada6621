package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.TaskResult;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SubmissionPublisher;

/**
 * Method shapes for {@link MethodReader}. The ones the build rejects carry no {@code @GuardedTask} (the
 * aspect's declare errors would fail this module's build): tests read them with a borrowed annotation.
 */
@SuppressWarnings("unused")
abstract class Signatures {

    @GuardedTask(name = "task_ok", recurring = true, lockTimeout = "PT10M")
    abstract Optional<String> ok(String label, @TaskDate LocalDate date, TaskResult result);

    @GuardedTask(name = "bad name")
    abstract void badName();

    abstract TaskResult stringDate(@TaskDate String date);

    abstract Long plain();

    abstract void plainVoid();

    abstract void twoResults(TaskResult first, TaskResult second);

    abstract void twoDates(@TaskDate String from, @TaskDate LocalDate to);

    abstract void wrongDate(@TaskDate java.util.Date date);

    abstract long primitive();

    abstract CompletableFuture<String> completable();

    abstract java.util.concurrent.CompletionStage<TaskResult> stageOfResult();

    abstract java.util.concurrent.CompletionStage<Optional<String>> stageOfOptional();

    abstract java.util.concurrent.CompletionStage<?> stageOfAnything();

    abstract CompletableFuture<Void> stageOfVoid();

    abstract Later<String> later();

    /** A subclass of CompletableFuture: the aspect cannot return one of its own in its place. */
    static class Later<T> extends CompletableFuture<T> {
    }

    abstract FutureTask<String> futureTask();

    abstract SubmissionPublisher<String> publisher();

    abstract ReactivePublisher reactive();

    abstract CompletableFuture<String>[] futures();

    abstract java.util.stream.Stream<String> stream();

    abstract java.util.stream.IntStream ints();

    abstract java.util.OptionalInt optionalInt();

    abstract java.util.OptionalLong optionalLong();

    abstract java.util.OptionalDouble optionalDouble();

    abstract void keyed(TaskResult result, @TaskKey String customer);

    abstract void enumKey(@TaskKey dev.guardedtask.TaskStatus status);

    abstract void intKey(@TaskKey int shard, @TaskDate String date);

    abstract void twoKeys(@TaskKey String customer, @TaskKey long order);

    abstract void realKey(@TaskKey double amount);

    abstract void resultKey(@TaskKey TaskResult result);

    abstract void keyAndDate(@TaskKey @TaskDate String day);

    @GuardedTask(name = "task_odds", recurring = true, successTtl = "P7D")
    abstract void recurringWithTtl();

    /** Stands for a Reactive Streams type (no dependency here): the reader matches it by name. */
    interface ReactivePublisher extends org.reactivestreams.Publisher {
    }

    static Method method(String name) {
        for (Method method : Signatures.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static GuardedTask annotation() {
        return method("ok").getAnnotation(GuardedTask.class);
    }
}
