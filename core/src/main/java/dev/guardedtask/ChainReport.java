package dev.guardedtask;

import dev.guardedtask.internal.Json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one {@link TaskChain#run(String)} did: each step's result, in the order the steps ended. */
public final class ChainReport {

    private final String date;
    private final Map<String, TaskResult> results;

    ChainReport(String date, Map<String, TaskResult> results) {
        this.date = date;
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /**
     * The date every step ran for, {@code YYYYMMDD}.
     *
     * @return the date, {@code YYYYMMDD}
     */
    public String date() {
        return date;
    }

    /**
     * Step id to result, in execution order (unmodifiable).
     *
     * @return each step's id and result
     */
    public Map<String, TaskResult> results() {
        return results;
    }

    /**
     * Whether every step succeeded, or was skipped as {@code already_completed}.
     *
     * @return {@code true} if the chain did its work for the date
     */
    public boolean succeeded() {
        return results.values().stream().allMatch(ChainReport::done);
    }

    /**
     * {@code date}, {@code succeeded}, then {@code steps}: each step id to its result's {@link TaskResult#toMap()}.
     *
     * @return a new insertion-ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> steps = new LinkedHashMap<>();
        results.forEach((id, result) -> steps.put(id, result.toMap()));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", date);
        map.put("succeeded", succeeded());
        map.put("steps", steps);
        return map;
    }

    /**
     * {@link #toMap()} as a JSON object.
     *
     * @return the report as JSON
     */
    public String toJson() {
        return Json.write(toMap());
    }

    /** One line: the date, then each step with its status and reason. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("Chain for ").append(date)
                .append(succeeded() ? " succeeded:" : " did not succeed:");
        results.forEach((id, result) -> {
            line.append(' ').append(id).append('=').append(result.status().wireName());
            if (result.reason() != null) {
                line.append('(').append(result.reason()).append(')');
            }
        });
        return line.toString();
    }

    /** Counts as met for a dependent step: succeeded now, or earlier (possibly on another worker). */
    static boolean done(TaskResult result) {
        return result.status() == TaskStatus.SUCCESS || result.status() == TaskStatus.SKIPPED
                && TaskResult.ALREADY_COMPLETED.equals(result.reason());
    }
}
