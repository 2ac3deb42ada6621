package dev.guardedtask.examples.interplay;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * A user's {@code @Aspect} for work that must happen only when the task runs (e.g. a per-run audit record), ordered
 * INSIDE the guard by {@link CallMetricsAspect}'s {@code @DeclarePrecedence}: it runs while the run holds the lock,
 * and not at all for a skipped call.
 */
@Aspect
public class RunWorkAspect {

    @Around("execution(@dev.guardedtask.GuardedTask * dev.guardedtask.examples.interplay.InterplayJobs.*(..))")
    public Object onlyRuns(ProceedingJoinPoint call) throws Throwable {
        Trace.add("work>");
        try {
            return call.proceed();
        } finally {
            Trace.add("<work");
        }
    }
}
