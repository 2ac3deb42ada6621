/**
 * Guice integration: {@link dev.guardedtask.guice.GuardedTaskModule} binds a {@link dev.guardedtask.TaskGuard} and
 * installs it for woven {@code @GuardedTask} methods when the injector is created. Guice is an optional dependency
 * of {@code guardedtask-core}: an application that uses this package brings its own (built and tested with
 * Guice 7.0.0).
 */
package dev.guardedtask.guice;
