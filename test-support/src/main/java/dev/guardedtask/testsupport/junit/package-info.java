/**
 * The JUnit 5 extension for tests against a real Redis. JUnit and Redisson are optional dependencies
 * of this module: the test modules that use the extension bring both.
 */
package dev.guardedtask.testsupport.junit;
