package dev.guardedtask.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task's keys as a {@code SCAN} found them: its per-date locks (keyed or not) and success keys by their real
 * names, and the form (tagged or not) its history and counts are read in.
 */
final class ScannedTask {

    private final String name;
    private final List<TaskKeys.Parsed> locks = new ArrayList<>();
    private final List<String> completedDates = new ArrayList<>();
    private TaskKeys keys;

    private ScannedTask(String name) {
        this.name = name;
    }

    /** The keys found, by task name; a task whose keys show both forms is read in {@code keys}'s scheme. */
    static Map<String, ScannedTask> group(Iterable<String> found, TaskKeys keys) {
        Map<String, ScannedTask> tasks = new TreeMap<>();
        for (String key : found) {
            TaskKeys.Parsed parsed = keys.parse(key);
            if (parsed != null) {
                tasks.computeIfAbsent(parsed.task(), ScannedTask::new).add(parsed, keys);
            }
        }
        tasks.values().forEach(ScannedTask::sort);
        return tasks;
    }

    private void add(TaskKeys.Parsed key, TaskKeys own) {
        TaskKeys form = own.withForm(key.tagged());
        keys = keys == null || form.equals(own) ? form : keys;
        if (key.date() != null && key.kind().equals("lock")) {
            locks.add(key);
        } else if (key.kind().equals("success") && !completedDates.contains(key.date())) {
            completedDates.add(key.date()); // once, whichever keys completed it
        }
    }

    private void sort() {
        locks.sort(Comparator.comparing(TaskKeys.Parsed::date)
                .thenComparing(TaskKeys.Parsed::key, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(TaskKeys.Parsed::redisKey));
        completedDates.sort(Comparator.reverseOrder());
    }

    String name() {
        return name;
    }

    /** Its per-date locks, keyed runs' included, by date, then key (the unkeyed one first). */
    List<TaskKeys.Parsed> locks() {
        return locks;
    }

    /** The dates of its success keys, newest first. */
    List<String> completedDates() {
        return completedDates;
    }

    /** Its keys, in the form they were found in. */
    TaskKeys keys() {
        return keys;
    }
}
