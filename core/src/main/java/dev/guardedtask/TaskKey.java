package dev.guardedtask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link GuardedTask} method whose value the run is guarded by: one lock per task,
 * key and date. A daily task completes once per key and date; a recurring task's runs never overlap for the
 * same key, while runs for different keys go on side by side.
 *
 * <pre>{@code
 * @GuardedTask(name = "task_export")
 * void export(@TaskKey String customerId, TaskResult result) { ... }
 * }</pre>
 *
 * <p>At most one parameter per method, of type {@code String}, {@link java.util.UUID}, an {@code enum} (its
 * {@code name()}), or an integral number: {@code byte}, {@code short}, {@code int}, {@code long}, their boxes or
 * {@link java.math.BigInteger}. Not {@code float}, {@code double} or {@code BigDecimal}: their text is no stable
 * identity ({@code 1.0} and {@code 1}, {@code 1E+1} and {@code 10}). The build rejects other types and a second
 * {@code @TaskKey}.
 *
 * <p>The key's text must match {@code [A-Za-z0-9_.-]{1,200}}, like a task name (UUIDs, negative numbers and usual
 * enum names do); a value that does not, or {@code null}, makes the call throw {@code IllegalArgumentException}
 * before Redis is touched. Programmatically: {@link TaskOptions#withKey(String)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TaskKey {
}
