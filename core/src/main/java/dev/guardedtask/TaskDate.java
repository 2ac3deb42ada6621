package dev.guardedtask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link GuardedTask} method that holds the date the run is for: a
 * {@code String} in {@code YYYYMMDD} form or a {@link java.time.LocalDate}. {@code null} means today
 * in the guard's zone. Without such a parameter every run is for today.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TaskDate {
}
