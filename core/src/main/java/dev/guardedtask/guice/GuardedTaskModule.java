package dev.guardedtask.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;

import java.util.Objects;
import java.util.Set;

/**
 * Binds a {@link TaskGuard} and installs it for woven {@code @GuardedTask} methods when the injector
 * is created. Given a built guard, it connects to nothing: configure the guard (and its Redisson client)
 * where you build your other clients.
 *
 * <p>Given a {@link TaskGuard.Builder}, the module builds the guard while the injector is created (an eager
 * singleton), after adding to it every {@link TaskListener} bound, in any module, with
 * {@code Multibinder.newSetBinder(binder(), TaskListener.class)}: in the order they were bound (the order of
 * the modules given to the injector, then of the bindings in each), after the listeners already on the
 * builder. Building it connects a guard that makes its own client ({@code redis(uri)},
 * {@code redissonConfig(...)}): a Redis that cannot be reached then fails the injector's creation
 * ({@code CreationException} with the builder's message). The guard is yours to close when the application stops
 * ({@code injector.getInstance(TaskGuard.class)}).
 *
 * <pre>{@code
 * TaskGuard.Builder guard = TaskGuard.builder().redis("redis://redis:6379");
 * Injector injector = Guice.createInjector(new GuardedTaskModule(guard), new AbstractModule() {
 *     protected void configure() {
 *         Multibinder.newSetBinder(binder(), TaskListener.class).addBinding().to(RunAlerts.class);
 *     }
 * }, new AppModule());
 * }</pre>
 *
 * <p>Given a guard already built, the module binds that one, which cannot take listeners any more: creating
 * the injector then fails if a {@code TaskListener} is multibound (use the {@code TaskGuard.Builder}
 * constructor instead).
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new GuardedTaskModule(guard), new AppModule());
 * }</pre>
 */
public final class GuardedTaskModule extends AbstractModule {

    static final String LISTENERS_NEED_THE_BUILDER = "GuardedTaskModule was given a TaskGuard already built, which"
            + " cannot take the %d TaskListener(s) multibound (%s): give the module the TaskGuard.Builder instead,"
            + " new GuardedTaskModule(TaskGuard.builder()...), and it adds them before building the guard";

    private final TaskGuard guard;
    private final TaskGuard.Builder builder;

    /**
     * Binds and installs {@code guard}; no {@link TaskListener} may be multibound (see the class comment).
     *
     * @param guard the guard, built and owned by the caller
     */
    public GuardedTaskModule(TaskGuard guard) {
        this.guard = Objects.requireNonNull(guard,
                "new GuardedTaskModule(guard): guard is null; pass the TaskGuard built at startup");
        this.builder = null;
    }

    /**
     * Builds the guard from {@code builder} when the injector is created, with every multibound
     * {@link TaskListener} added, then binds and installs it. The module calls {@code builder.build()} once;
     * do not change or build the builder elsewhere.
     *
     * @param builder the configured builder, built by the module
     */
    public GuardedTaskModule(TaskGuard.Builder builder) {
        this.builder = Objects.requireNonNull(builder,
                "new GuardedTaskModule(builder): builder is null; pass TaskGuard.builder() configured");
        this.guard = null;
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), TaskListener.class);  // an empty set when no module binds one
        if (guard != null) {
            bind(TaskGuard.class).toInstance(guard);
            requestInjection(new NoListeners());
        } else {
            bind(TaskGuard.class).toProvider(new Building(builder)).asEagerSingleton();
        }
        requestInjection(new Installer());
    }

    /** Builds the guard with the multibound listeners, once (the binding is a singleton). */
    static final class Building implements Provider<TaskGuard> {

        private final TaskGuard.Builder builder;
        private Set<TaskListener> listeners;

        Building(TaskGuard.Builder builder) {
            this.builder = builder;
        }

        @Inject
        void listeners(Set<TaskListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public TaskGuard get() {
            listeners.forEach(builder::listener);
            return builder.build();
        }
    }

    /** Refuses multibound listeners when the guard was given built. */
    static final class NoListeners {

        @Inject
        void check(Set<TaskListener> listeners) {
            if (!listeners.isEmpty()) {
                throw new IllegalStateException(String.format(LISTENERS_NEED_THE_BUILDER, listeners.size(),
                        listeners.stream().map(listener -> listener.getClass().getName()).toList()));
            }
        }
    }

    /** Injected once, while the injector is created. */
    static final class Installer {

        @Inject
        void install(TaskGuard guard) {
            GuardedTasks.install(guard);
        }
    }
}
