package dev.guardedtask.aspects;

import dev.guardedtask.TaskBody;
import dev.guardedtask.TaskResult;
import org.aspectj.lang.ProceedingJoinPoint;

/** The body of one guarded call: proceeds with the live result in place of the caller's argument. */
final class Invocation implements TaskBody {

    private final ProceedingJoinPoint call;
    private final Object[] args;
    private final int resultIndex;
    private Object value;

    Invocation(ProceedingJoinPoint call, Object[] args, int resultIndex) {
        this.call = call;
        this.args = args;
        this.resultIndex = resultIndex;
    }

    @Override
    public void run(TaskResult result) throws Throwable {
        if (resultIndex >= 0) {
            args[resultIndex] = result;
        }
        value = call.proceed(args);
    }

    /** What the method returned; {@code null} if it did not run. */
    Object value() {
        return value;
    }
}
