package dev.guardedtask.spring;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Installs the context's guard ({@link GuardedTasks#install}) when the context starts, before the web server and
 * before {@code @Scheduled} methods and runners can call woven methods, and uninstalls it when the context stops,
 * only if it is still the installed one: woven methods use one guard per JVM, and another context (a test's) may
 * have installed its own since. Installing over another context's guard replaces it, with a warning.
 */
final class GuardInstaller implements SmartLifecycle {

    /** Early to start, late to stop: before and after the beans that may call woven methods. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(GuardInstaller.class);
    /** Makes check-and-install and check-and-uninstall atomic across the contexts of this JVM. */
    private static final Object LOCK = new Object();

    private final TaskGuard guard;
    private volatile boolean running;

    GuardInstaller(TaskGuard guard) {
        this.guard = guard;
    }

    @Override
    public void start() {
        synchronized (LOCK) {
            TaskGuard previous = GuardedTasks.installed().orElse(null);
            try {
                GuardedTasks.install(guard);
            } catch (IllegalStateException e) {
                // @GuardedTask classes not woven (the message names them), or the guard closed: start-up fails.
                throw new GuardedTaskConfigurationException("guardedtask: the context's TaskGuard cannot be "
                        + "installed: " + e.getMessage(), e);
            }
            if (previous != null && previous != guard) {
                log.warn("guardedtask: this application context's TaskGuard replaces the one installed before (by "
                        + "another context, or by hand): woven methods use one guard per JVM, the newest. The other "
                        + "is installed again only by its owner.");
            }
            running = true;
        }
    }

    @Override
    public void stop() {
        synchronized (LOCK) {
            if (GuardedTasks.installed().orElse(null) == guard) {
                GuardedTasks.uninstall();
            }
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
