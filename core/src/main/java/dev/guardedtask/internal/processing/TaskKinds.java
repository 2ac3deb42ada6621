package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskKey;
import dev.guardedtask.internal.Misuse;

import javax.lang.model.element.ExecutableElement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each task name seen in this compilation is daily or recurring, keyed or not: one name, one kind. Runs
 * with and without a {@code @TaskKey} take different locks, so one name used both ways would not exclude itself.
 */
final class TaskKinds {

    private final Map<String, ExecutableElement> first = new HashMap<>();

    /** The message if {@code method} declares its task with another kind than a method seen before. */
    Optional<String> conflict(ExecutableElement method, MethodCheck check) {
        GuardedTask task = method.getAnnotation(GuardedTask.class);
        ExecutableElement earlier = first.putIfAbsent(task.name(), method);
        if (earlier == null) {
            return Optional.empty();
        }
        if (earlier.getAnnotation(GuardedTask.class).recurring() != task.recurring()) {
            return Optional.of(message(Misuse.DAILY_AND_RECURRING, method, earlier, check,
                    task.recurring() ? "recurring" : "daily", task.recurring() ? "daily" : "recurring"));
        }
        if (keyed(earlier) != keyed(method)) {
            return Optional.of(message(Misuse.KEYED_AND_UNKEYED, method, earlier, check,
                    keyed(method) ? "keyed" : "unkeyed", keyed(method) ? "unkeyed" : "keyed"));
        }
        return Optional.empty();
    }

    private static boolean keyed(ExecutableElement method) {
        return method.getParameters().stream().anyMatch(p -> p.getAnnotation(TaskKey.class) != null);
    }

    private static String message(String template, ExecutableElement method, ExecutableElement earlier,
                                  MethodCheck check, String kind, String otherKind) {
        return Misuse.about(template, check.signature(method)).replace("{name}", method.getAnnotation(GuardedTask.class)
                .name()).replace("{kind}", kind).replace("{otherKind}", otherKind).replace("{other}", check.signature(earlier));
    }
}
