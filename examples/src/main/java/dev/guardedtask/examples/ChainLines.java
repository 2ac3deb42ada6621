package dev.guardedtask.examples;

import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The chain's part of the output, printed once every worker's chain has ended: a line per worker and
 * step, saying which worker ran what the others skipped. A skip is the expected outcome here, not a
 * failure: every worker starts the same chain at the same moment, and each step runs once in total.
 */
final class ChainLines {

    private final List<Outcome> steps;

    /** @param steps every worker's chain outcomes (tick 0), by worker, each worker's in the order they ended */
    ChainLines(List<Outcome> steps) {
        this.steps = List.copyOf(steps);
    }

    void print(String date, PrintStream out) {
        out.printf("Chain for %s: %s. Every worker starts it at once;%n"
                + "each step runs on one worker, the others skip it.%n", date, String.join(" -> ", Options.STEPS));
        steps.forEach(step -> out.println(line(step)));
    }

    private String line(Outcome step) {
        return "chain     " + step.columns() + " ".repeat(12) + meaning(step);
    }

    /** What the step's result means, naming the worker that ran it when another one did. */
    private String meaning(Outcome step) {
        if (step.reason() == null) {
            return step.meaning();
        }
        return switch (step.reason()) {
            case TaskResult.ALREADY_COMPLETED -> otherWorker(step, o -> o.status() == TaskStatus.SUCCESS)
                    .map(worker -> worker + " completed it").orElse("completed today by an earlier run");
            case TaskResult.LOCK_HELD -> otherWorker(step, Outcome::ran)
                    .map(worker -> worker + " was running it").orElse("another process holds its lock");
            case TaskResult.DEPENDENCY_NOT_MET -> dependency(step).map(ChainLines::unmet).orElse("");
            default -> step.meaning();
        };
    }

    /** The other worker whose chain step {@code did} what explains this skip, if one did. */
    private Optional<String> otherWorker(Outcome step, Predicate<Outcome> did) {
        return steps.stream().filter(o -> o.task().equals(step.task()) && !o.worker().equals(step.worker()))
                .filter(did).map(Outcome::worker).findFirst();
    }

    /** The same worker's outcome of the step before this one, which this one depends on. */
    private Optional<Outcome> dependency(Outcome step) {
        int index = Options.STEPS.indexOf(step.task());
        return index < 1 ? Optional.empty() : steps.stream()
                .filter(o -> o.worker().equals(step.worker()) && o.task().equals(Options.STEPS.get(index - 1)))
                .findFirst();
    }

    private static String unmet(Outcome dependency) {
        String what = dependency.status() == TaskStatus.FAILED ? "failed" : "was skipped";
        return "needs " + dependency.task() + ", which " + what + " here (" + dependency.reason() + ")";
    }
}
