/**
 * The guardedtask test kit ({@code dev.guardedtask:guardedtask-test}), for JUnit 5 tests of guarded tasks:
 * {@link dev.guardedtask.test.GuardedTaskTest @GuardedTaskTest} (or
 * {@link dev.guardedtask.test.GuardedTaskExtension}) gives each test a fresh guard with a
 * {@link dev.guardedtask.test.SettableClock}; a {@link dev.guardedtask.test.TaskTester} parameter reads the runs
 * and sets up "already completed" and "lock held"; {@link dev.guardedtask.test.TaskResultAssert} asserts on results.
 * See docs/guide.md, "Testing your tasks".
 */
package dev.guardedtask.test;
