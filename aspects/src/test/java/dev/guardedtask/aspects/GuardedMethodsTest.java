package dev.guardedtask.aspects;

import dev.guardedtask.GuardedTask;
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

    @Test
    void aSecondMethodGivingATaskNameAnotherKindFailsEveryCallWithTheBuildsMessage() {
        JoinPoint.StaticPart daily = execution(method("plain"));
        JoinPoint.StaticPart recurring = execution(method("plainVoid"));
        JoinPoint.StaticPart keyed = execution(method("keyed"));
        methods.of(daily, task("task_mixed", false));

        for (int call = 0; call < 2; call++) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> methods.of(recurring, task("task_mixed", true)))
                    .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.plainVoid(): task "
                            + "'task_mixed' is recurring here but daily in java.lang.Long "
                            + "dev.guardedtask.aspects.Signatures.plain(): one task name is one task, of one kind. Use "
                            + "two names, or make both the same kind.");
        }
        assertThatIllegalStateException().isThrownBy(() -> methods.of(keyed, task("task_mixed", false)))
                .withMessage("@GuardedTask method void dev.guardedtask.aspects.Signatures.keyed("
                        + "dev.guardedtask.TaskResult, java.lang.String): task 'task_mixed' is keyed here but unkeyed in "
                        + "java.lang.Long dev.guardedtask.aspects.Signatures.plain(): a run with a @TaskKey and one without take "
                        + "different locks and never exclude each other. Use two names, or give both a @TaskKey (or "
                        + "neither).");
        assertThat(methods.of(daily, task("task_mixed", false)).options().name()).isEqualTo("task_mixed");
    }

    /** An annotation as {@code @GuardedTask(name = name, recurring = recurring)} declares it. */
    private static GuardedTask task(String name, boolean recurring) {
        return new GuardedTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean recurring() {
                return recurring;
            }

            @Override
            public String lockTimeout() {
                return "";
            }

            @Override
            public String successTtl() {
                return "";
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return GuardedTask.class;
            }
        };
    }

    /** A static part as ajc generates it for a method's execution join point. */
    private static JoinPoint.StaticPart execution(Method method) {
        Factory factory = new Factory("Signatures.java", Signatures.class);
        return factory.makeSJP(JoinPoint.METHOD_EXECUTION, factory.makeMethodSig(method.getModifiers(),
                method.getName(), method.getDeclaringClass(), method.getParameterTypes(),
                new String[method.getParameterCount()], new Class<?>[0], method.getReturnType()), 1);
    }
}
