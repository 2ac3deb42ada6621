/**
 * The guardedtask test kit ({@code dev.guardedtask:guardedtask-test}), for JUnit 5 tests of guarded tasks:
 * {@link dev.guardedtask.test.GuardedTaskTest @GuardedTaskTest} (or
 * {@link dev.guardedtask.test.GuardedTaskExtension}) gives each test a fresh guard with a
 * {@link dev.guardedtask.test.SettableClock}; a {@link dev.guardedtask.test.TaskTester} parameter reads the runs
 * and sets up "already completed" and "lock held"; {@link dev.guardedtask.test.TaskResultAssert} asserts on results.
 *
 * <p>The kit needs JUnit Jupiter 5.8 or later on the test class path, and does not bring it (its
 * {@code junit-jupiter-api} dependency is {@code provided}): your tests bring theirs, best through the
 * {@code org.junit:junit-bom} so that all JUnit artifacts have one version. It is built and tested with JUnit 5.14.4
 * and brings AssertJ (built with 3.27.7). See docs/guide.md, "Testing your tasks".
 */
package dev.guardedtask.test;
