/**
 * The ArchUnit rule that keeps the wall clock out of test code ({@link
 * dev.guardedtask.testsupport.arch.WallClockRule}) and its named exception ({@link
 * dev.guardedtask.testsupport.arch.WallClockAllowed}). ArchUnit is an optional dependency of this
 * module: the test modules that run the rule bring {@code archunit-junit5}.
 */
package dev.guardedtask.testsupport.arch;
