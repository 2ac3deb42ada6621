package dev.guardedtask.internal.processing;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.internal.Misuse;

import javax.lang.model.element.ExecutableElement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Whether each task name seen in this compilation is daily or recurring: one name, one kind. */
final class TaskKinds {

    private final Map<String, ExecutableElement> first = new HashMap<>();

    /** The message if {@code method} declares its task with the other kind than a method seen before. */
    Optional<String> conflict(ExecutableElement method, MethodCheck check) {
        GuardedTask task = method.getAnnotation(GuardedTask.class);
        ExecutableElement earlier = first.putIfAbsent(task.name(), method);
        if (earlier == null || earlier.getAnnotation(GuardedTask.class).recurring() == task.recurring()) {
            return Optional.empty();
        }
        return Optional.of(Misuse.about(Misuse.DAILY_AND_RECURRING, check.signature(method))
                .replace("{name}", task.name()).replace("{kind}", kind(task.recurring()))
                .replace("{otherKind}", kind(!task.recurring())).replace("{other}", check.signature(earlier)));
    }

    private static String kind(boolean recurring) {
        return recurring ? "recurring" : "daily";
    }
}
