/**
 * For operators: the command line tool {@code guardedtask} ({@link dev.guardedtask.console.Main}) and its web
 * console, both on {@link dev.guardedtask.TaskOperator}.
 */
package dev.guardedtask.console;
