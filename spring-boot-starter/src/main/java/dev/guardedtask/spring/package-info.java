/**
 * The Spring Boot starter: {@link dev.guardedtask.spring.GuardedTaskAutoConfiguration} makes a
 * {@link dev.guardedtask.TaskGuard} bean from the {@code guardedtask.*} properties
 * ({@link dev.guardedtask.spring.GuardedTaskProperties}) and installs it for woven {@code @GuardedTask} methods while
 * the application context runs; with Micrometer on the class path it registers the guard's meters and
 * observations, and with the actuator the {@code /actuator/guardedtask} endpoint
 * ({@link dev.guardedtask.spring.GuardedTaskEndpoint}). Built and tested with Spring Boot 4.0. See
 * {@code docs/guide.md}, "Spring Boot".
 */
package dev.guardedtask.spring;
