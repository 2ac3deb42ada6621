package dev.guardedtask;

/**
 * One step of a {@link TaskChain}: usually a call of a guarded method for the chain's date,
 * {@code date -> jobs.analyze(date, null)}.
 */
@FunctionalInterface
public interface TaskStep {

    /**
     * Runs the step for {@code date} ({@code YYYYMMDD}) and returns its result. A {@link TaskError}, or
     * any other exception, is recorded in the chain's report as the step's failure.
     *
     * @param date the chain's date, {@code YYYYMMDD}
     * @return the step's result
     * @throws Exception anything: recorded as the step's failure
     */
    TaskResult run(String date) throws Exception;
}
