package dev.guardedtask.aspects;

import org.aspectj.lang.JoinPoint;
import org.aspectj.runtime.reflect.Factory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static dev.guardedtask.aspects.Signatures.annotation;
import static dev.guardedtask.aspects.Signatures.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GuardedMethodsTest {

    private final GuardedMethods methods = new GuardedMethods();

    @Test
    void derivesOncePerJoinPoint() {
        JoinPoint.StaticPart joinPoint = execution(method("stringDate"));

        GuardedMethod first = methods.of(joinPoint, annotation());

        assertThat(methods.of(joinPoint, annotation())).isSameAs(first);
        assertThat(first.dateIndex()).isZero();
    }

    @Test
    void definitionErrorFailsEveryCall() {
        JoinPoint.StaticPart joinPoint = execution(method("twoResults"));

        for (int call = 0; call < 2; call++) {
            assertThatIllegalStateException().isThrownBy(() -> methods.of(joinPoint, annotation()))
                    .withMessageContaining("twoResults(dev.guardedtask.TaskResult, dev.guardedtask.TaskResult)");
        }
    }

    /** A static part as ajc generates it for a method's execution join point. */
    private static JoinPoint.StaticPart execution(Method method) {
        Factory factory = new Factory("Signatures.java", Signatures.class);
        return factory.makeSJP(JoinPoint.METHOD_EXECUTION, factory.makeMethodSig(method.getModifiers(),
                method.getName(), method.getDeclaringClass(), method.getParameterTypes(),
                new String[method.getParameterCount()], new Class<?>[0], method.getReturnType()), 1);
    }
}
