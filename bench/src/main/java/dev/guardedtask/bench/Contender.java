package dev.guardedtask.bench;

/**
 * A row of the throughput table: {@code id} as the issue names it ({@code a}, {@code b}, {@code b'}...),
 * what it does, the task name its calls use, and the call.
 */
record Contender(String id, String label, String task, Operation operation) {
}
