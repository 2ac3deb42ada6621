package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A guard on the test's Redis and fixed clock ({@link TestGuards}), installed before each test and
 * uninstalled and closed after it, as an application does at startup and shutdown.
 *
 * <pre>{@code @RegisterExtension final InstalledGuard guard = new InstalledGuard(redis);}</pre>
 */
final class InstalledGuard implements BeforeEachCallback, AfterEachCallback {

    private final RedisExtension redis;
    private TaskGuard guard;

    InstalledGuard(RedisExtension redis) {
        this.redis = redis;
    }

    TaskGuard get() {
        return guard;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        guard = TestGuards.on(redis.client());
        GuardedTasks.install(guard);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GuardedTasks.uninstall();
        guard.close();
    }
}
