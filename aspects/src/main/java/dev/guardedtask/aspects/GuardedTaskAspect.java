package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.internal.Misuse;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclareError;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Runs every execution of a {@link GuardedTask} method through the installed
 * {@link dev.guardedtask.TaskGuard}. Weave it at compile time by listing {@code guardedtask-aspects} as an
 * {@code aspectLibrary}; it reaches private, static and self-invoked methods and objects made with {@code new}.
 *
 * <p>It only adapts: what it needs to know about a method is derived once ({@link GuardedMethod}); per call
 * it fetches the guard, injects the live {@link TaskResult}, and maps the result to the method's return type. A
 * method returning {@code CompletionStage} or {@code CompletableFuture} runs through
 * {@link TaskGuard#runAsync}: the call returns a stage at once, and the lock is held until the method's stage
 * completes.
 * Signatures the aspect cannot serve fail the build ({@code declare error}) or, failing that, the first call.
 */
@Aspect
public final class GuardedTaskAspect {

    // Each message exists once, in core's Misuse, for the build (these declare errors and core's annotation
    // processor) and the first call (MethodReader, for code woven without them). Compile-time constants: the
    // compiler copies their text here, so this jar does not call core's internals.

    @DeclareError("execution(@dev.guardedtask.GuardedTask (byte || short || int || long || float || double"
            + " || char || boolean) *(..))")
    static final String PRIMITIVE_RETURN = Misuse.PRIMITIVE_RETURN;

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., dev.guardedtask.TaskResult, .., "
            + "dev.guardedtask.TaskResult, ..))")
    static final String TWO_RESULTS = Misuse.TWO_RESULTS;

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskDate (*), .., "
            + "@dev.guardedtask.TaskDate (*), ..))")
    static final String TWO_DATES = Misuse.TWO_DATES;

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskDate "
            + "(!(java.lang.String || java.time.LocalDate)), ..))")
    static final String DATE_TYPE = Misuse.DATE_TYPE;

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskKey (*), .., "
            + "@dev.guardedtask.TaskKey (*), ..))")
    static final String TWO_KEYS = Misuse.TWO_KEYS;

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskKey (!(java.lang.String || "
            + "byte || short || int || long || java.lang.Byte || java.lang.Short || java.lang.Integer || java.lang.Long"
            + " || java.math.BigInteger || java.util.UUID || (java.lang.Enum+ && !java.lang.Enum))), ..))")
    static final String KEY_TYPE = Misuse.KEY_TYPE;

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskKey @dev.guardedtask.TaskDate "
            + "(*), ..))")
    static final String KEY_AND_DATE = Misuse.KEY_AND_DATE;

    private final GuardedMethods methods = new GuardedMethods();

    /**
     * The advice around every {@code @GuardedTask} method: a guarded run of the method's body by the guard that
     * {@link GuardedTasks} finds for the task. Called by woven code only.
     *
     * @param call the woven call
     * @param task the method's annotation
     * @return what the caller gets (docs/guide.md, "Annotate"): the method's value, or for a skipped run
     *     {@code null}, {@code Optional.empty()}, the run's {@code TaskResult} or a completed stage
     * @throws Throwable a {@link dev.guardedtask.TaskError} when the run failed or no guard is installed
     */
    @Around("execution(@dev.guardedtask.GuardedTask * *(..)) && @annotation(task)")
    @SuppressAjWarnings("adviceDidNotMatch")
    public Object guard(ProceedingJoinPoint call, GuardedTask task) throws Throwable {
        GuardedMethod method = methods.of(call.getStaticPart(), task);
        Object[] args = call.getArgs();
        TaskGuard guard = GuardedTasks.guardFor(method.options().name());
        if (method.async()) {
            return method.runAsync(guard, args, new StageInvocation(call, args, method.resultIndex()));
        }
        Invocation invocation = new Invocation(call, args, method.resultIndex());
        TaskResult result = method.run(guard, args, invocation);
        return method.returnValue(result, invocation.value());
    }
}
