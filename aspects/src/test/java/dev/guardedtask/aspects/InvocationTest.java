package dev.guardedtask.aspects;

import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import org.aspectj.lang.ProceedingJoinPoint;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final List<Object[]> proceeded = new ArrayList<>();

    /** A join point whose proceed(args) records the arguments and returns "value". */
    private ProceedingJoinPoint joinPoint() {
        return (ProceedingJoinPoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ProceedingJoinPoint.class}, (proxy, method, args) -> {
                    if (method.getName().equals("proceed") && args != null && args.length == 1) {
                        proceeded.add(((Object[]) args[0]).clone());
                        return "value";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theLiveResultReplacesTheCallersArgumentAndTheValueIsKept() {
        Object[] args = {"label", null};
        Invocation invocation = new Invocation(joinPoint(), args, 1);

        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(clock).build()) {
            TaskResult result = guard.run(TaskOptions.daily("task_x"), null, invocation);

            assertThat(proceeded).singleElement().satisfies(proceededWith ->
                    assertThat(proceededWith).containsExactly("label", result));
            assertThat(invocation.value()).isEqualTo("value");
        }
    }

    @Test
    void withoutATaskResultParameterTheArgumentsAreLeftAsTheyAre() {
        Object[] args = {"label", "other"};
        Invocation invocation = new Invocation(joinPoint(), args, -1);

        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(clock).build()) {
            guard.run(TaskOptions.daily("task_x"), null, invocation);
        }

        assertThat(proceeded).singleElement().satisfies(proceededWith ->
                assertThat(proceededWith).containsExactly("label", "other"));
    }

    @Test
    void aTaskResultAtTheFirstPositionIsReplacedToo() {
        Object[] args = {null};
        Invocation invocation = new Invocation(joinPoint(), args, 0);

        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(clock).build()) {
            TaskResult result = guard.run(TaskOptions.daily("task_x"), null, invocation);

            assertThat(proceeded).singleElement().satisfies(proceededWith ->
                    assertThat(proceededWith).containsExactly(result));
        }
    }

    @Test
    void aCallThatDidNotRunHasNoValue() {
        assertThat(new Invocation(joinPoint(), new Object[0], -1).value()).isNull();
    }
}
