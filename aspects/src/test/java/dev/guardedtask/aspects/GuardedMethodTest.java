package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.aspects.GuardedMethod.DateKind;
import dev.guardedtask.aspects.GuardedMethod.ReturnKind;
import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static dev.guardedtask.aspects.Signatures.annotation;
import static dev.guardedtask.aspects.Signatures.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GuardedMethodTest {

    private static final Clock CLOCK = TestClocks.fixed();

    @Test
    void readsOptionsParameterPositionsAndReturnKind() {
        GuardedMethod ok = GuardedMethod.of(method("ok"), annotation());

        assertThat(ok).isEqualTo(new GuardedMethod(
                TaskOptions.recurring("task_ok").withLockTimeout(Duration.ofMinutes(10)),
                2, 1, DateKind.LOCAL_DATE, ReturnKind.OPTIONAL, ReturnKind.OPTIONAL, -1));
        assertThat(read("stringDate")).extracting(GuardedMethod::resultIndex, GuardedMethod::dateIndex,
                GuardedMethod::dateKind, GuardedMethod::returnKind)
                .containsExactly(-1, 0, DateKind.STRING, ReturnKind.RESULT);
        assertThat(read("plain")).extracting(GuardedMethod::dateKind, GuardedMethod::returnKind)
                .containsExactly(DateKind.NONE, ReturnKind.OTHER);
    }

    @Test
    void runsForTheLocalDateOrStringDateAmongTheArgumentsOrTodayWithout() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            GuardedMethod ok = read("ok");

            assertThat(ok.run(guard, new Object[] {"x", LocalDate.of(2026, 3, 1), null}, r -> { }).date())
                    .isEqualTo("20260301");
            assertThat(ok.run(guard, new Object[] {"x", LocalDate.of(999, 3, 1), null}, r -> { }).date())
                    .isEqualTo("09990301");
            assertThat(ok.run(guard, new Object[] {"x", null, null}, r -> { }).date()).isEqualTo("20261128");
            assertThat(read("stringDate").run(guard, new Object[] {"20260401"}, r -> { }).date())
                    .isEqualTo("20260401");
            assertThat(read("stringDate").run(guard, new Object[] {null}, r -> { }).date()).isEqualTo("20261128");
            assertThat(read("plain").run(guard, new Object[0], r -> { }).date()).isEqualTo("20261128");
        }
    }

    @Test
    void returnValueFollowsTheReturnKind() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            TaskResult ran = guard.run(TaskOptions.daily("task_ok"), null, r -> { });
            TaskResult skipped = guard.run(TaskOptions.daily("task_ok"), null, r -> { });

            assertThat(read("ok").returnValue(skipped, null)).isEqualTo(Optional.empty());
            assertThat(read("ok").returnValue(ran, Optional.of("v"))).isEqualTo(Optional.of("v"));
            assertThat(read("stringDate").returnValue(skipped, null)).isSameAs(skipped);
            assertThat(read("plain").returnValue(ran, 7L)).isEqualTo(7L);
            assertThat(read("plain").returnValue(skipped, null)).isNull();
        }
    }

    @Test
    void theAccessorsGiveTheParameterPositions() {
        GuardedMethod ok = read("ok");

        assertThat(ok.resultIndex()).isEqualTo(2);
        assertThat(ok.dateIndex()).isEqualTo(1);
        assertThat(ok.options()).isEqualTo(TaskOptions.recurring("task_ok").withLockTimeout(Duration.ofMinutes(10)));
    }

    @Test
    void aVoidMethodReturnsNothingWhetherItRanOrNot() {
        GuardedMethod plainVoid = read("plainVoid");

        assertThat(plainVoid.returnKind()).isEqualTo(ReturnKind.VOID);
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            assertThat(plainVoid.returnValue(guard.run(TaskOptions.daily("task_ok"), null, r -> { }), "ignored")).isNull();
        }
    }

    @Test
    void aDateIndexMustFitTheDateKind() {
        TaskOptions options = TaskOptions.daily("task_ok");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GuardedMethod(options, -1, 0, DateKind.NONE, ReturnKind.VOID, ReturnKind.VOID, -1))
                .withMessage("dateIndex 0 does not fit dateKind NONE");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GuardedMethod(options, -1, -1, DateKind.STRING, ReturnKind.VOID, ReturnKind.VOID, -1))
                .withMessage("dateIndex -1 does not fit dateKind STRING");
        assertThat(new GuardedMethod(options, -1, -1, DateKind.NONE, ReturnKind.VOID, ReturnKind.VOID, -1).dateIndex())
                .isEqualTo(-1);
    }

    @Test
    void twoTaskResultParametersFailWithTheBuildsMessage() {
        assertThatIllegalStateException().isThrownBy(() -> read("twoResults"))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.twoResults("
                        + "dev.guardedtask.TaskResult, dev.guardedtask.TaskResult) declares more than one TaskResult "
                        + "parameter: declare at most one; the live result of the run is injected into it.");
    }

    @Test
    void twoTaskDateParametersFailWithTheBuildsMessage() {
        assertThatIllegalStateException().isThrownBy(() -> read("twoDates"))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.twoDates(java.lang.String, "
                        + "java.time.LocalDate) declares more than one @TaskDate parameter: annotate at most one, of "
                        + "type String (YYYYMMDD) or java.time.LocalDate.");
    }

    @Test
    void taskDateOfAnotherTypeFailsWithTheBuildsMessage() {
        assertThatIllegalStateException().isThrownBy(() -> read("wrongDate"))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.wrongDate(java.util.Date) "
                        + "has a @TaskDate parameter that is neither String nor LocalDate: declare it as String "
                        + "(YYYYMMDD) or java.time.LocalDate.");
    }

    @Test
    void primitiveReturnFailsWithTheBuildsMessage() {
        assertThatIllegalStateException().isThrownBy(() -> read("primitive"))
                .withMessage("@GuardedTask method long dev.guardedtask.aspects.Signatures.primitive() returns a "
                        + "primitive, which has no value for a skipped run: return void, TaskResult or a reference "
                        + "type such as Long or Optional<Long>.");
    }

    @ParameterizedTest
    @CsvSource({
        "later, dev.guardedtask.aspects.Signatures$Later",
        "futureTask, java.util.concurrent.FutureTask",
        "publisher, java.util.concurrent.SubmissionPublisher",
        "reactive, dev.guardedtask.aspects.Signatures$ReactivePublisher",
        "stream, java.util.stream.Stream",
        "ints, java.util.stream.IntStream",
    })
    void futureAndStreamReturnsFailWithTheBuildsMessage(String name, String type) {
        assertThatIllegalStateException().isThrownBy(() -> read(name))
                .withMessage("@GuardedTask method " + type + " dev.guardedtask.aspects.Signatures." + name + "() returns "
                        + "a future, a reactive type or a stream other than CompletionStage or CompletableFuture (a "
                        + "Future, a subclass of CompletableFuture, a Publisher, an RxJava type, java.util.stream.Stream): "
                        + "its work goes on after the method returns, and the guard cannot hold the lock until it ends "
                        + "(a Future tells no one when it is done, a subclass cannot be returned in its place, a "
                        + "Publisher's work runs per subscriber), so another worker could run the task at the same time. "
                        + "Return CompletionStage<T> or CompletableFuture<T> (the lock is held until it completes), or "
                        + "the result itself.");
    }

    @ParameterizedTest
    @CsvSource({
        "completable, OTHER",
        "stageOfResult, RESULT",
        "stageOfOptional, OPTIONAL",
        "stageOfAnything, OTHER",
        "stageOfVoid, OTHER",
    })
    void completionStageAndCompletableFutureRunAsynchronouslyAndCompleteWithTheirTypeArgumentsValue(String name,
                                                                                                  ReturnKind value) {
        GuardedMethod method = read(name);

        assertThat(method.async()).isTrue();
        assertThat(method.returnKind()).isEqualTo(ReturnKind.STAGE);
        assertThat(method.valueKind()).isEqualTo(value);
    }

    @Test
    void aSkippedStageCompletesWithNullTheResultOrAnEmptyOptional() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            guard.run(TaskOptions.daily("task_ok"), null, r -> { });
            TaskResult skipped = guard.run(TaskOptions.daily("task_ok"), null, r -> { });

            assertThat(read("completable").returnValue(skipped, "late")).isNull();
            assertThat(read("stageOfResult").returnValue(skipped, null)).isSameAs(skipped);
            assertThat(read("stageOfOptional").returnValue(skipped, null)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void primitiveOptionalsAreEmptyWhenSkipped() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            TaskResult ran = guard.run(TaskOptions.daily("task_ok"), null, r -> { });
            TaskResult skipped = guard.run(TaskOptions.daily("task_ok"), null, r -> { });

            assertThat(read("optionalInt").returnValue(skipped, null)).isEqualTo(OptionalInt.empty());
            assertThat(read("optionalLong").returnValue(skipped, null)).isEqualTo(OptionalLong.empty());
            assertThat(read("optionalDouble").returnValue(skipped, null)).isEqualTo(OptionalDouble.empty());
            assertThat(read("optionalLong").returnValue(ran, OptionalLong.of(3))).isEqualTo(OptionalLong.of(3));
        }
    }

    @Test
    void aRecurringTaskWithASuccessTtlFailsWithTheBuildsMessage() {
        GuardedTask recurringWithTtl = method("recurringWithTtl").getAnnotation(GuardedTask.class);

        assertThatIllegalStateException().isThrownBy(() -> GuardedMethod.of(method("recurringWithTtl"), recurringWithTtl))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.recurringWithTtl(): a "
                        + "recurring task has no success key, so successTtl has no effect on it: remove successTtl, "
                        + "or make the task daily (recurring = false).");
    }

    @Test
    void anArrayOfFuturesIsAPlainValue() {
        assertThat(read("futures").returnKind()).isEqualTo(ReturnKind.OTHER);
        assertThat(read("futures").async()).isFalse();
    }

    @Test
    void invalidTaskNameFailsNamingTheMethodAndTheName() {
        GuardedTask bad = method("badName").getAnnotation(GuardedTask.class);

        assertThatIllegalStateException().isThrownBy(() -> GuardedMethod.of(method("badName"), bad))
                .withMessageStartingWith("@GuardedTask method void dev.guardedtask.aspects.Signatures.badName(): ")
                .withMessageContaining("'bad name'").withMessageContaining("[A-Za-z0-9_.-]")
                .withCauseInstanceOf(IllegalArgumentException.class);
    }

    private static final String KEY_TYPES = "String, UUID, an enum, or an integral number (byte, short, int, long, "
            + "their boxes, BigInteger)";

    @Test
    void readsTheTaskKeyPositionOrNone() {
        assertThat(read("keyed").keyIndex()).isEqualTo(1);
        assertThat(read("intKey").keyIndex()).isZero();
        assertThat(read("ok").keyIndex()).isEqualTo(-1);
    }

    @Test
    void runsWithTheKeysTextAnEnumsNameANumbersDigits() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            assertThat(read("keyed").run(guard, new Object[] {null, "c1"}, r -> { }).key()).isEqualTo("c1");
            assertThat(read("enumKey").run(guard, new Object[] {dev.guardedtask.TaskStatus.SKIPPED}, r -> { }).key())
                    .isEqualTo("SKIPPED");
            TaskResult shard = read("intKey").run(guard, new Object[] {-3, "20260301"}, r -> { });
            assertThat(shard.key()).isEqualTo("-3");
            assertThat(shard.date()).isEqualTo("20260301");
            assertThat(read("ok").run(guard, new Object[] {"x", null, null}, r -> { }).key()).isNull();
        }
    }

    @Test
    void aNullOrInvalidKeyArgumentFailsNamingTheTaskAndTheValue() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> read("keyed").run(guard, new Object[] {null, null}, r -> { }))
                    .withMessage("Task 'task_ok': key null is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                            + "e.g. 'customer_42'; map other values to such a text (e.g. an id or a hash) before "
                            + "passing them.");
            assertThatIllegalArgumentException().isThrownBy(() -> read("keyed").run(guard, new Object[] {null, "a b"}, r -> { }))
                    .withMessageStartingWith("Task 'task_ok': key 'a b' is invalid");
        }
    }

    @Test
    void twoTaskKeysFailWithTheBuildsMessage() {
        assertThatIllegalStateException().isThrownBy(() -> read("twoKeys"))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.twoKeys(java.lang.String, long) "
                        + "declares more than one @TaskKey parameter: annotate at most one, of type " + KEY_TYPES
                        + "; for a key made of several values, pass them joined in one String.");
    }

    @ParameterizedTest
    @CsvSource({"realKey, double", "resultKey, dev.guardedtask.TaskResult"})
    void aTaskKeyOfAnotherTypeFailsWithTheBuildsMessage(String name, String type) {
        assertThatIllegalStateException().isThrownBy(() -> read(name))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures." + name + "(" + type + ") has a "
                        + "@TaskKey parameter of a type it does not take: declare it as " + KEY_TYPES + ". Not float, "
                        + "double or BigDecimal: their text is no stable identity (1.0 and 1); pass such a value as a "
                        + "String of your choosing.");
    }

    @Test
    void aParameterThatIsKeyAndDateFailsWithTheBuildsMessage() {
        assertThatIllegalStateException().isThrownBy(() -> read("keyAndDate"))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.keyAndDate(java.lang.String) "
                        + "has a parameter annotated both @TaskKey and @TaskDate: the date and the key of a run are two "
                        + "parameters; remove one of the annotations.");
    }

    private static GuardedMethod read(String name) {
        return GuardedMethod.of(method(name), annotation());
    }
}
