package dev.guardedtask.internal;

/**
 * The one place where keys are built: {@code {prefix}lock:{task}:{date}} and
 * {@code {prefix}success:{task}:{date}}, as in the Python boilerplate when the prefix is empty.
 */
public record TaskKeys(String prefix) {

    public String lock(String task, String date) {
        return prefix + "lock:" + task + ':' + date;
    }

    public String success(String task, String date) {
        return prefix + "success:" + task + ':' + date;
    }
}
