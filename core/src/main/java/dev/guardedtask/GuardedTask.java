package dev.guardedtask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a guarded task. With {@code guardedtask-aspects} woven at compile time, every call:
 * skips if the task already completed for its date (unless {@link #recurring()}), skips if another
 * worker holds its lock, runs the body with a live {@link TaskResult}, marks success, and always
 * releases the lock.
 *
 * <pre>{@code
 * @GuardedTask(name = "task_odds", recurring = true)
 * void refreshOdds(TaskResult result) { ... }
 * }</pre>
 *
 * <p>The method may declare one {@link TaskResult} parameter (callers pass {@code null}; the live
 * result is injected), one {@link TaskDate} parameter and one {@link TaskKey} parameter (the run is then
 * guarded per task, key and date: {@code void export(@TaskKey String customerId, TaskResult result)}).
 * It returns {@code void}, {@code TaskResult} or a reference type ({@code null} when skipped,
 * {@code Optional.empty()} for {@code Optional}). A method returning {@code CompletionStage<T>} or
 * {@code CompletableFuture<T>} runs asynchronously ({@link TaskGuard#runAsync}): the lock is held until its
 * stage completes, and a skipped call returns a completed stage (of the result for {@code TaskResult}, of
 * {@code Optional.empty()} for {@code Optional}, else of {@code null}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GuardedTask {

    /**
     * The task name, {@code [A-Za-z0-9_.-]{1,200}}; part of the Redis keys {@code lock:{name}:{date}}.
     *
     * @return the task name
     */
    String name();

    /**
     * {@code false} (default): a daily task, run at most once per date. {@code true}: runs on every call
     * that gets the lock; never reads or writes the success key.
     *
     * @return whether the task is recurring
     */
    boolean recurring() default false;

    /**
     * ISO-8601 duration of the lock, e.g. {@code "PT10M"}, from 1 ms to 3650 days ({@code "P3650D"});
     * {@code ""} takes the guard's default (300 s).
     *
     * @return the lock timeout, or {@code ""}
     */
    String lockTimeout() default "";

    /**
     * ISO-8601 lifetime of the success key, e.g. {@code "P2D"}, from 1 ms to 3650 days ({@code "P3650D"});
     * {@code ""} takes the guard's default (1 day).
     *
     * @return the success key's lifetime, or {@code ""}
     */
    String successTtl() default "";
}
