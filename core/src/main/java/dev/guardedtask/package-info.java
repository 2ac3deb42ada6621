/**
 * The guardedtask API: any Java method as a guarded task, run at most once per date (or never twice at once, for a
 * recurring task) across every worker that shares a Redis.
 *
 * <ul>
 *   <li>{@link dev.guardedtask.GuardedTask @GuardedTask} marks a method; {@link dev.guardedtask.TaskDate @TaskDate}
 *   and {@link dev.guardedtask.TaskKey @TaskKey} mark the parameters that say which date and key a run is for.
 *   The aspect of {@code guardedtask-aspects} weaves such methods (at compile time with ajc, or at load time), and
 *   this module's annotation processor rejects misuse at build time.</li>
 *   <li>{@link dev.guardedtask.TaskGuard} is the engine, usable without AspectJ: built once per application with
 *   {@link dev.guardedtask.TaskGuard#builder()}, thread-safe, closed when the application stops.
 *   {@link dev.guardedtask.TaskGuard#run(TaskOptions, String, TaskBody) run} guards a {@link dev.guardedtask.TaskBody}
 *   described by {@link dev.guardedtask.TaskOptions}; {@link dev.guardedtask.GuardedTasks#install(TaskGuard)} makes
 *   a guard the one that woven methods use.</li>
 *   <li>{@link dev.guardedtask.TaskResult} is a run's outcome ({@link dev.guardedtask.TaskStatus}, reason, errors,
 *   warnings, counters), the same object the method body receives; {@link dev.guardedtask.TaskError} is thrown
 *   when a run fails.</li>
 *   <li>{@link dev.guardedtask.TaskChain} runs steps in dependency order and reports them in a
 *   {@link dev.guardedtask.ChainReport}.</li>
 *   <li>{@link dev.guardedtask.TaskListener} observes runs (the Micrometer module is one);
 *   {@link dev.guardedtask.TaskOperator} is the operator API behind the CLI and the web console (runs, locks,
 *   completions).</li>
 * </ul>
 *
 * <p>The Redis keys and scripts are described in {@code docs/protocol.md}; the guide is {@code docs/guide.md}.
 * Everything under {@code dev.guardedtask.internal} is not API and may change in any release.
 */
package dev.guardedtask;
