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

    // Each message exists once: the build's declare errors below, and MethodReader's checks at the first call
    // (for code woven without them), which put the method's signature where AspectJ puts it.

    /** Where a message names the method: AspectJ fills it in at build time, {@link MethodReader} at run time. */
    static final String SIGNATURE = "{joinpoint.signature}";

    /** How every message about a method starts. */
    static final String METHOD = "@GuardedTask method " + SIGNATURE;

    @DeclareError("execution(@dev.guardedtask.GuardedTask (byte || short || int || long || float || double"
            + " || char || boolean) *(..))")
    static final String PRIMITIVE_RETURN = METHOD + " returns a primitive, which has no value for a skipped run: "
            + "return void, TaskResult or a reference type such as Long or Optional<Long>.";

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., dev.guardedtask.TaskResult, .., "
            + "dev.guardedtask.TaskResult, ..))")
    static final String TWO_RESULTS = METHOD + " declares more than one TaskResult parameter: declare at most "
            + "one; the live result of the run is injected into it.";

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskDate (*), .., "
            + "@dev.guardedtask.TaskDate (*), ..))")
    static final String TWO_DATES = METHOD + " declares more than one @TaskDate parameter: annotate at most one, "
            + "of type String (YYYYMMDD) or java.time.LocalDate.";

    @DeclareError("execution(@dev.guardedtask.GuardedTask * *(.., @dev.guardedtask.TaskDate "
            + "(!(java.lang.String || java.time.LocalDate)), ..))")
    static final String DATE_TYPE = METHOD + " has a @TaskDate parameter that is neither String nor LocalDate: "
            + "declare it as String (YYYYMMDD) or java.time.LocalDate.";

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
