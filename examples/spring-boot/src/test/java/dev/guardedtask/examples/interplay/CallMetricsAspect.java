package dev.guardedtask.examples.interplay;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclarePrecedence;

/**
 * A user's Spring-style {@code @Aspect} for what must see every call (metrics, logging): compiled by ajc with the
 * rest of the module, so a compile-time aspect, ordered OUTSIDE the guard by {@code @DeclarePrecedence} (first =
 * outermost). The order declared here is the one docs/guide.md recommends.
 */
@Aspect
@DeclarePrecedence("dev.guardedtask.examples.interplay.CallMetricsAspect, dev.guardedtask.aspects.GuardedTaskAspect, "
        + "dev.guardedtask.examples.interplay.RunWorkAspect")
public class CallMetricsAspect {

    @Around("execution(@dev.guardedtask.GuardedTask * dev.guardedtask.examples.interplay.InterplayJobs.*(..))")
    public Object everyCall(ProceedingJoinPoint call) throws Throwable {
        Trace.add("metrics>");
        try {
            return call.proceed();
        } finally {
            Trace.add("<metrics");
        }
    }
}
