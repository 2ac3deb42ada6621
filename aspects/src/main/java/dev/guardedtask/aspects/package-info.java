/**
 * The AspectJ aspect {@link dev.guardedtask.aspects.GuardedTaskAspect} that makes every call of a
 * {@code @GuardedTask} method a guarded run of the installed {@link dev.guardedtask.TaskGuard}, and the
 * {@code declare error}s that reject misused signatures when the code is woven.
 *
 * <p>Applications do not call this package: they weave with it, either at compile time (add
 * {@code guardedtask-aspects} as a dependency and as an {@code aspectLibrary} of the AspectJ Maven plugin) or at
 * load time ({@code -javaagent:aspectjweaver.jar}; this jar's {@code META-INF/aop.xml} names the aspect). Its
 * class name is what an {@code aop.xml} refers to. See {@code docs/guide.md}.
 */
package dev.guardedtask.aspects;
