package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link GuardedMethod} of each woven method, derived on its first call and kept. Thread-safe. */
final class GuardedMethods {

    private final Map<JoinPoint.StaticPart, GuardedMethod> byJoinPoint = new ConcurrentHashMap<>();

    GuardedMethod of(JoinPoint.StaticPart joinPoint, GuardedTask task) {
        GuardedMethod method = byJoinPoint.get(joinPoint);
        if (method != null) {
            return method;
        }
        // A definition error is not cached: every call fails with it, not only the first.
        method = GuardedMethod.of(((MethodSignature) joinPoint.getSignature()).getMethod(), task);
        GuardedMethod raced = byJoinPoint.putIfAbsent(joinPoint, method);
        return raced == null ? method : raced;
    }
}
