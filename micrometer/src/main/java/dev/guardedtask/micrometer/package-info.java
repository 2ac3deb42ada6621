/**
 * Micrometer for guarded runs: {@link dev.guardedtask.micrometer.TaskMetrics} (meters) and
 * {@link dev.guardedtask.micrometer.TaskObservations} (observations, hence traces through Micrometer Tracing),
 * both {@link dev.guardedtask.TaskListener}s to register with {@code TaskGuard.builder().listener(...)}.
 * The meter names and tags are listed in {@code docs/operations.md}, "Metrics and traces".
 */
package dev.guardedtask.micrometer;
