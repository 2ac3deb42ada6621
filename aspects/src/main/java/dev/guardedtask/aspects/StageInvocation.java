package dev.guardedtask.aspects;

import dev.guardedtask.AsyncTaskBody;
import dev.guardedtask.TaskResult;
import org.aspectj.lang.ProceedingJoinPoint;

import java.util.concurrent.CompletionStage;

/**
 * The body of one guarded call of a method that returns a stage: proceeds with the live result in place of the
 * caller's argument, and keeps what the method's stage completes with.
 */
final class StageInvocation implements AsyncTaskBody {

    private final ProceedingJoinPoint call;
    private final Object[] args;
    private final int resultIndex;
    private volatile Object value;

    StageInvocation(ProceedingJoinPoint call, Object[] args, int resultIndex) {
        this.call = call;
        this.args = args;
        this.resultIndex = resultIndex;
    }

    @Override
    public CompletionStage<?> run(TaskResult result) throws Throwable {
        if (resultIndex >= 0) {
            args[resultIndex] = result;
        }
        CompletionStage<?> stage = (CompletionStage<?>) call.proceed(args);
        // The value is kept before the guard sees the stage complete, so it is there when the run ends.
        return stage == null ? null : stage.thenApply(completed -> {
            value = completed;
            return completed;
        });
    }

    /** What the method's stage completed with; {@code null} if it did not run or has not completed. */
    Object value() {
        return value;
    }
}
