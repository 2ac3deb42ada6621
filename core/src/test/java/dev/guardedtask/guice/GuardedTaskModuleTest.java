package dev.guardedtask.guice;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedTaskModuleTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    private final TaskGuard guard = TaskGuard.builder().inMemory().clock(CLOCK).build();
    private TaskGuard built;

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
        guard.close();
        if (built != null) {
            built.close();
        }
    }

    @Test
    void creatingTheInjectorBindsAndInstallsTheGuard() {
        GuardedTasks.uninstall();

        Injector injector = Guice.createInjector(new GuardedTaskModule(guard));

        assertThat(injector.getInstance(TaskGuard.class)).isSameAs(guard);
        assertThat(GuardedTasks.installed()).containsSame(guard);
    }

    @Test
    void aNullGuardIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> new GuardedTaskModule((TaskGuard) null))
                .withMessage("new GuardedTaskModule(guard): guard is null; pass the TaskGuard built at startup");
    }

    @Test
    void aNullBuilderIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> new GuardedTaskModule((TaskGuard.Builder) null))
                .withMessage("new GuardedTaskModule(builder): builder is null; pass TaskGuard.builder() configured");
    }

    @Test
    void listenersMultiboundInTwoModulesAreAddedToTheBuiltGuardInTheOrderBound() {
        GuardedTasks.uninstall();
        List<String> heard = new CopyOnWriteArrayList<>();

        Injector injector = Guice.createInjector(
                new GuardedTaskModule(TaskGuard.builder().inMemory().clock(CLOCK)),
                listening(new Recording("first", heard)),
                listening(new Recording("second", heard)));
        built = injector.getInstance(TaskGuard.class);
        TaskResult result = built.run(TaskOptions.recurring("guice-task"), "20261128", run -> heard.add("body"));

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(GuardedTasks.installed()).containsSame(built);
        assertThat(injector.getInstance(TaskGuard.class)).isSameAs(built);
        assertThat(heard).containsExactly("first started", "second started", "body",
                "first finished SUCCESS", "second finished SUCCESS");
    }

    @Test
    void theBuilderWithoutListenersBuildsAndInstallsTheGuard() {
        GuardedTasks.uninstall();

        Injector injector = Guice.createInjector(new GuardedTaskModule(TaskGuard.builder().inMemory().clock(CLOCK)));
        built = injector.getInstance(TaskGuard.class);
        TaskResult result = built.run(TaskOptions.recurring("guice-task"), "20261128", run -> { });

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(GuardedTasks.installed()).containsSame(built);
    }

    @Test
    void aBuiltGuardWithMultiboundListenersFailsTheInjectorNamingTheBuilderConstructor() {
        GuardedTasks.uninstall();

        assertThatThrownBy(() -> Guice.createInjector(new GuardedTaskModule(guard),
                listening(new Recording("late", new CopyOnWriteArrayList<>()))))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("GuardedTaskModule was given a TaskGuard already built, which cannot take the 1"
                        + " TaskListener(s) multibound (")
                .hasMessageContaining("Recording")
                .hasMessageContaining("give the module the TaskGuard.Builder instead,"
                        + " new GuardedTaskModule(TaskGuard.builder()...)");
    }

    private static AbstractModule listening(TaskListener listener) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), TaskListener.class).addBinding().toInstance(listener);
            }
        };
    }

    /** Writes what it hears, named, into a list shared by the listeners of a test. */
    private record Recording(String name, List<String> heard) implements TaskListener {

        @Override
        public void started(TaskResult result) {
            heard.add(name + " started");
        }

        @Override
        public void finished(TaskResult result, Duration duration) {
            heard.add(name + " finished " + result.status());
        }
    }
}
