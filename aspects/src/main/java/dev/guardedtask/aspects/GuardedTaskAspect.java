package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskResult;
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
 * it fetches the guard, injects the live {@link TaskResult}, and maps the result to the method's return type.
 * Signatures the aspect cannot serve fail the build ({@code declare error}) or, failing that, the first call.
 */
@Aspect
public final class GuardedTaskAspect {

    @DeclareError("execution(@dev.guardedtask.GuardedTask (byte || short || int || long || float || double"
            + " || char || boolean) *(..))")
    static final String PRIMITIVE_RETURN = "@GuardedTask method {joinpoint.signature} returns a primitive, "
            + "which has no value for a skipped run: return void, TaskResult or a reference type such as "
            + "Long or Optional<Long>.";

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., dev.guardedtask.TaskResult, .., "
            + "dev.guardedtask.TaskResult, ..))")
    static final String TWO_RESULTS = "@GuardedTask method {joinpoint.signature} declares two TaskResult "
            + "parameters: declare at most one; the live result of the run is injected into it.";

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskDate (*), .., "
            + "@dev.guardedtask.TaskDate (*), ..))")
    static final String TWO_DATES = "@GuardedTask method {joinpoint.signature} declares two @TaskDate "
            + "parameters: annotate at most one, of type String (YYYYMMDD) or java.time.LocalDate.";

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskDate "
            + "(!(java.lang.String || java.time.LocalDate)), ..))")
    static final String DATE_TYPE = "@GuardedTask method {joinpoint.signature} has a @TaskDate parameter "
            + "that is neither String nor LocalDate: declare it as String (YYYYMMDD) or java.time.LocalDate.";

    private final GuardedMethods methods = new GuardedMethods();

    @Around("execution(@dev.guardedtask.GuardedTask * *(..)) && @annotation(task)")
    @SuppressAjWarnings("adviceDidNotMatch")
    public Object guard(ProceedingJoinPoint call, GuardedTask task) throws Throwable {
        GuardedMethod method = methods.of(call.getStaticPart(), task);
        Object[] args = call.getArgs();
        Invocation invocation = new Invocation(call, args, method.resultIndex());
        TaskResult result = method.run(GuardedTasks.guardFor(method.options().name()), args, invocation);
        return method.returnValue(result, invocation.value());
    }
}
