/**
 * Internal test support, not API: one place for what core, examples and bench tests share (ShedLock
 * keeps {@code shedlock-test-support} the same way). It does not depend on core, so core's own tests
 * can use it.
 *
 * <p>Split by what each part needs, so an application can use the launcher without test libraries:
 * <ul>
 *   <li>this package: {@link dev.guardedtask.testsupport.EmbeddedRedis}, the redis-server launcher,
 *   and the test clocks ({@link dev.guardedtask.testsupport.TestClocks},
 *   {@link dev.guardedtask.testsupport.MutableClock}). Only embedded-redis and {@code java.time}: the
 *   example application and the benchmark start their Redis with the launcher at run time, so they
 *   depend on this module at compile scope; their runnable jars carry this package only (the parent's
 *   shade configuration leaves {@code junit} and {@code arch} out);</li>
 *   <li>{@code topology}: a Redis Cluster and a Sentinel group of real {@code redis-server} processes
 *   started from the same binary, for tests (Redisson is optional: a test module brings its own);</li>
 *   <li>{@code junit}: the JUnit 5 {@code RedisExtension}, {@code RedisClusterExtension} and
 *   {@code RedisSentinelExtension} (JUnit and Redisson are optional dependencies of this module: a test
 *   module brings its own);</li>
 *   <li>{@code arch}: the ArchUnit rule that keeps the wall clock out of tests, and
 *   {@code @WallClockAllowed}, its one named exception (ArchUnit is optional the same way).</li>
 * </ul>
 */
package dev.guardedtask.testsupport;
