package dev.guardedtask.console;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.time.Clock;

/**
 * The command line tool {@code guardedtask}: what guarded tasks ran, what runs now, and the operators' writes,
 * on {@link dev.guardedtask.TaskOperator}. Each subcommand takes the {@link Connection} options. Errors are one
 * line on stderr; exit codes are listed in {@code --help}.
 */
@Command(name = "guardedtask", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        version = "guardedtask 0.2.0-SNAPSHOT",
        description = "What guarded tasks ran and run now, and the operators' writes (release, forget, complete).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                " 0:done",
                " 1:refused or nothing to do: the lock is live or not held, no completion to forget, not confirmed",
                " 2:usage: a wrong option, task name, key, date or URI, or no terminal to confirm on without --yes",
                " 3:Redis: not reachable, or it refused the command (the message says which, and the fix)",
                " 4:an unexpected error: a bug, please report it with the message"},
        subcommands = {
                TasksCommand.class,
                RunsCommand.class,
                LocksCommand.class,
                ReleaseCommand.class,
                ForgetCommand.class,
                CompleteCommand.class,
                ConsoleCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code of an unexpected error (a bug). */
    static final int BUG = 4;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command: tasks, runs, locks, release, forget, complete or console.");
    }

    /**
     * Runs the command line tool {@code guardedtask} and exits with its exit code (0 done, 1 refused or nothing
     * to do, 2 a usage error, 3 Redis unreachable or refusing, 4 a bug): {@code guardedtask --help} lists the commands.
     *
     * @param args the command line, e.g. {@code tasks --redis redis://localhost:6379}
     */
    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC(), Prompt.SYSTEM).execute(args));
    }

    /**
     * The command line, its {@link Connection}s on {@code clock}, its confirmations asked through {@code prompt},
     * printing one-line errors.
     */
    static CommandLine commandLine(Clock clock, Prompt prompt) {
        CommandLine line = new CommandLine(new Main(), new Factory(clock, prompt));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler(Main::usageError);
        line.setExecutionExceptionHandler(Main::failed);
        return line;
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        command.getErr().println(command.getCommandName().equals("guardedtask")
                ? "guardedtask: " + error.getMessage() + " (see guardedtask --help)"
                : name(command) + ": " + error.getMessage() + " (see " + name(command) + " --help)");
        return CommandLine.ExitCode.USAGE;
    }

    private static int failed(Exception error, CommandLine command, ParseResult parsed) {
        int code = error instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE
                : error instanceof IllegalStateException ? Exits.REDIS : BUG;
        String message = code == BUG ? "unexpected error (a bug, please report it): " + error : error.getMessage();
        command.getErr().println(name(command) + ": " + message.replace('\n', ' '));
        return code;
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** Gives the mixins the clock and the prompt. */
    private record Factory(Clock clock, Prompt prompt) implements IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Connection.class) {
                return type.cast(new Connection(clock));
            }
            if (type == Writes.class) {
                return type.cast(new Writes(prompt));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
