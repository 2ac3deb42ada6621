/**
 * The JUnit 5 extensions for tests against a real Redis: {@code RedisExtension} (a standalone server per
 * test class), {@code RedisClusterExtension} and {@code RedisSentinelExtension} (a topology of
 * {@code testsupport.topology}, started once per test suite). JUnit and Redisson are optional dependencies
 * of this module: the test modules that use the extensions bring both.
 */
package dev.guardedtask.testsupport.junit;
