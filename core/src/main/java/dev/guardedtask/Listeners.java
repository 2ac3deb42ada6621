package dev.guardedtask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A guard's {@link TaskListener}s, called in order, each shielded from the others and from the run: what one
 * throws is logged once per listener and kind of throwable, and ignored. With none, a call does nothing.
 */
final class Listeners {

    // Under TaskGuard's category: users configure the logger of the public type they call.
    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);

    static final Listeners NONE = new Listeners(List.of());

    private final TaskListener[] listeners;
    /** "listener class / throwable class" already logged. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** Whether there is none: then the run need not even measure what it would tell them. */
    boolean none() {
        return listeners.length == 0;
    }

    Listeners(List<TaskListener> listeners) {
        this.listeners = listeners.toArray(TaskListener[]::new);
    }

    void skipped(TaskResult result) {
        for (TaskListener listener : listeners) {
            try {
                listener.skipped(result);
            } catch (Throwable t) {
                threw(listener, t);
            }
        }
    }

    void started(TaskResult result) {
        for (TaskListener listener : listeners) {
            try {
                listener.started(result);
            } catch (Throwable t) {
                threw(listener, t);
            }
        }
    }

    void bodyReturned(TaskResult result) {
        for (TaskListener listener : listeners) {
            try {
                listener.bodyReturned(result);
            } catch (Throwable t) {
                threw(listener, t);
            }
        }
    }

    void lockLost(TaskResult result) {
        for (TaskListener listener : listeners) {
            try {
                listener.lockLost(result);
            } catch (Throwable t) {
                threw(listener, t);
            }
        }
    }

    void storeError(TaskResult result, String reason, String message) {
        for (TaskListener listener : listeners) {
            try {
                listener.storeError(result, reason, message);
            } catch (Throwable t) {
                threw(listener, t);
            }
        }
    }

    void finished(TaskResult result, Duration duration) {
        for (TaskListener listener : listeners) {
            try {
                listener.finished(result, duration);
            } catch (Throwable t) {
                threw(listener, t);
            }
        }
    }

    // Plain loops rather than one loop taking a lambda: with no listener, a call makes no object at all.
    private void threw(TaskListener listener, Throwable t) {
        if (logged.add(listener.getClass().getName() + '/' + t.getClass().getName())) {
            log.warn("TaskListener {} threw {}; ignored, as every throwable of this kind from it will be, "
                    + "without a log line", listener.getClass().getName(), t.toString(), t);
        }
    }
}
