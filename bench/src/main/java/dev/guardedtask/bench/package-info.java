/**
 * The benchmark application: guardedtask side by side with a raw Redis round trip, the Python
 * boilerplate's four-command protocol, ShedLock and Redisson locks ({@link dev.guardedtask.bench.Bench});
 * and a JMH benchmark of the aspect's own overhead ({@code AspectOverhead}, in {@code src/jmh/java}).
 * An application, not API.
 */
package dev.guardedtask.bench;
