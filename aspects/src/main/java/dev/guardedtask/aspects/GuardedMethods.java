package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link GuardedMethod} of each woven method, derived on its first call and kept; a method that gives a task
 * name another kind than the first method of that name called (daily and recurring, keyed and unkeyed) fails
 * every call, with the build's message, for code compiled without the build's checks. Thread-safe.
 */
final class GuardedMethods {

    private final Map<JoinPoint.StaticPart, GuardedMethod> byJoinPoint = new ConcurrentHashMap<>();
    /** The first method derived for each task name: another of a different kind is refused, as the build does. */
    private final Map<String, Named> firstOfTask = new ConcurrentHashMap<>();

    GuardedMethod of(JoinPoint.StaticPart joinPoint, GuardedTask task) {
        GuardedMethod method = byJoinPoint.get(joinPoint);
        if (method != null) {
            return method;
        }
        // A definition error is not cached: every call fails with it, not only the first.
        Method reflected = ((MethodSignature) joinPoint.getSignature()).getMethod();
        method = GuardedMethod.of(reflected, task);
        Named first = firstOfTask.putIfAbsent(method.options().name(), new Named(reflected, method));
        if (first != null && !first.method().equals(reflected)) {
            MethodReader.sameKind(reflected, method, first.method(), first.guarded());
        }
        GuardedMethod raced = byJoinPoint.putIfAbsent(joinPoint, method);
        return raced == null ? method : raced;
    }

    private record Named(Method method, GuardedMethod guarded) {
    }
}
