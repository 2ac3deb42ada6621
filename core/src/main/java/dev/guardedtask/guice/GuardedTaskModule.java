package dev.guardedtask.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;

import java.util.Objects;

/**
 * Binds a {@link TaskGuard} and installs it for woven {@code @GuardedTask} methods when the injector
 * is created. It connects to nothing: build the guard (and its Redisson client) where you build your
 * other clients.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new GuardedTaskModule(guard), new AppModule());
 * }</pre>
 */
public final class GuardedTaskModule extends AbstractModule {

    private final TaskGuard guard;

    public GuardedTaskModule(TaskGuard guard) {
        this.guard = Objects.requireNonNull(guard,
                "new GuardedTaskModule(guard): guard is null; pass the TaskGuard built at startup");
    }

    @Override
    protected void configure() {
        bind(TaskGuard.class).toInstance(guard);
        requestInjection(new Installer());
    }

    /** Injected once, while the injector is created. */
    static final class Installer {

        @Inject
        void install(TaskGuard guard) {
            GuardedTasks.install(guard);
        }
    }
}
