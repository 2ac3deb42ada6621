package dev.guardedtask.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class GuardedTaskModuleTest {

    private final TaskGuard guard = TaskGuard.builder().inMemory()
            .clock(Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC)).build();

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
        guard.close();
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
        assertThatNullPointerException().isThrownBy(() -> new GuardedTaskModule(null))
                .withMessage("new GuardedTaskModule(guard): guard is null; pass the TaskGuard built at startup");
    }
}
