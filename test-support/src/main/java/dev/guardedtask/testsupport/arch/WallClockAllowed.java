package dev.guardedtask.testsupport.arch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one way to exempt test code from {@link WallClockRule}: on a method, constructor or class whose
 * reading of the wall clock cannot change what it asserts. Say why; no test in this project needs it
 * today.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface WallClockAllowed {

    /** Why the wall clock cannot change this test's outcome. */
    String value();
}
