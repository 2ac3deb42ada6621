package dev.guardedtask.test;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives every test of the class a fresh {@link dev.guardedtask.TaskGuard} with a {@link SettableClock}, through
 * {@link GuardedTaskExtension}: declare a {@link TaskTester} (or {@link SettableClock}, {@code TaskGuard})
 * parameter in a test or {@code @BeforeEach} method to use it. Woven {@code @GuardedTask} methods called by the
 * test go through that guard. Inherited by subclasses and seen by {@code @Nested} classes.
 *
 * <p>Use either this annotation or a {@code @RegisterExtension} field of {@link GuardedTaskExtension}, not both
 * on one class: each would build its own guard, so each test fails saying to use one. Bad attribute values fail
 * each test with a message naming the attribute, the value and the form expected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GuardedTaskExtension.class)
public @interface GuardedTaskTest {

    /**
     * Where the guard keeps its keys; default {@link Store#MEMORY}.
     *
     * @return where the guard keeps its keys
     */
    Store store() default Store.MEMORY;

    /**
     * Where each test's clock starts: an ISO-8601 instant such as {@code 2026-01-05T09:00:00Z} (the default, a
     * Monday, 09:00 UTC).
     *
     * @return the clock's starting instant, ISO-8601
     */
    String instant() default "2026-01-05T09:00:00Z";

    /**
     * The clock's zone, in which the guard takes "today": a {@link java.time.ZoneId} such as
     * {@code Europe/Paris}; default {@code UTC}.
     *
     * @return the clock's zone id
     */
    String zone() default "UTC";

    /** Where a test's guard keeps its keys. */
    enum Store {
        /**
         * In the JVM's memory, a new store per test: fast, nothing to start. Locks expire on the test's clock:
         * advancing it past the lock timeout frees a held lock as a crashed worker's would be.
         */
        MEMORY,
        /**
         * In a real {@code redis-server} (the one in {@code com.github.codemonstur:embedded-redis}, which the test
         * class path must hold), started once for the test run on a free loopback port, persisting nothing, and
         * stopped at its end; one Redisson client shared by the tests, each test under a key prefix of its own.
         * The wire behaviour, Lua scripts included. Locks expire on Redis's own time, not the test's clock.
         */
        EMBEDDED_REDIS
    }
}
