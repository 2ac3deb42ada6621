package dev.guardedtask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A guard's {@link TaskListener}s, called in order, each shielded from the others and from the run: what one
 * throws is logged once per listener and kind of throwable, and ignored. With none, each call is a loop over
 * an empty array.
 */
final class Listeners {

    // Under TaskGuard's category: users configure the logger of the public type they call.
    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);

    static final Listeners NONE = new Listeners(List.of());

    private final TaskListener[] listeners;
    /** "listener class / throwable class" already logged. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    Listeners(List<TaskListener> listeners) {
        this.listeners = listeners.toArray(TaskListener[]::new);
    }

    void skipped(TaskResult result) {
        each(listener -> listener.skipped(result));
    }

    void started(TaskResult result) {
        each(listener -> listener.started(result));
    }

    void lockLost(TaskResult result) {
        each(listener -> listener.lockLost(result));
    }

    void storeError(TaskResult result, String reason, String message) {
        each(listener -> listener.storeError(result, reason, message));
    }

    void finished(TaskResult result, Duration duration) {
        each(listener -> listener.finished(result, duration));
    }

    private void each(Consumer<TaskListener> call) {
        for (TaskListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable t) {
                if (logged.add(listener.getClass().getName() + '/' + t.getClass().getName())) {
                    log.warn("TaskListener {} threw {}; ignored, as every throwable of this kind from it will be, "
                            + "without a log line", listener.getClass().getName(), t.toString(), t);
                }
            }
        }
    }
}
