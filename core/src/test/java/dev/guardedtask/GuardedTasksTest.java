package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GuardedTasksTest {

    private final TaskGuard installed = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();
    private final TaskGuard lent = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build();

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
        installed.close();
        lent.close();
    }

    @Test
    void withoutAGuardTheCallFailsSayingHowToInstallOne() {
        GuardedTasks.uninstall();

        TaskError error = catchThrowableOfType(TaskError.class, () -> GuardedTasks.guardFor("task_odds"));

        assertThat(error).hasMessage("No TaskGuard installed for @GuardedTask 'task_odds': install "
                + "GuardedTaskModule or call GuardedTasks.install(guard) at startup. A guard lent with "
                + "GuardedTasks.runWith (as guardedtask-test does under parallel execution) serves only its own "
                + "thread: run work you hand to thread '" + Thread.currentThread().getName() + "' inside "
                + "GuardedTasks.runWith(guard, work) too.");
        assertThat(error.result().task()).isEqualTo("task_odds");
        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(error.result().reason()).isEqualTo("not_installed");
    }

    @Test
    void installReplacesAndUninstallIsSafeTwice() {
        GuardedTasks.install(lent);
        GuardedTasks.install(installed);

        assertThat(GuardedTasks.guardFor("task_x")).isSameAs(installed);
        GuardedTasks.uninstall();
        GuardedTasks.uninstall();
        assertThat(GuardedTasks.installed()).isEmpty();
    }

    @Test
    void installedIsTheInstalledGuard() {
        GuardedTasks.install(installed);

        assertThat(GuardedTasks.installed()).containsSame(installed);
    }

    @Test
    void aLentGuardServesOnlyItsThreadAndOnlyDuringTheWork() throws Exception {
        GuardedTasks.install(installed);
        AtomicReference<TaskGuard> onOtherThread = new AtomicReference<>();
        AtomicReference<TaskGuard> inside = new AtomicReference<>();

        GuardedTasks.runWith(lent, () -> {
            inside.set(GuardedTasks.guardFor("task_x"));
            Thread other = new Thread(() -> onOtherThread.set(GuardedTasks.guardFor("task_x")));
            other.start();
            join(other);
        });

        assertThat(inside.get()).isSameAs(lent);
        assertThat(onOtherThread.get()).isSameAs(installed);
        assertThat(GuardedTasks.guardFor("task_x")).isSameAs(installed);
    }

    @Test
    void theThreadsPreviousGuardIsBackAfterAFailure() {
        GuardedTasks.runWith(installed, () -> {
            assertThatThrownBy(() -> GuardedTasks.runWith(lent, () -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(GuardedTasks.guardFor("task_x")).isSameAs(installed);
        });
    }

    @Test
    void currentIsTheLentGuardElseTheInstalledOneElseNull() {
        GuardedTasks.uninstall();
        assertThat(GuardedTasks.current()).isNull();

        GuardedTasks.install(installed);
        assertThat(GuardedTasks.current()).isSameAs(installed);
        GuardedTasks.runWith(lent, () -> assertThat(GuardedTasks.current()).isSameAs(lent));
        assertThat(GuardedTasks.current()).isSameAs(installed);
    }

    @Test
    void aWrappedRunnableCarriesTheCallersLentGuardToAnotherThreadOnlyWhileItRuns() {
        GuardedTasks.install(installed);
        AtomicReference<Runnable> wrapped = new AtomicReference<>();
        AtomicReference<TaskGuard> during = new AtomicReference<>();
        AtomicReference<TaskGuard> after = new AtomicReference<>();
        GuardedTasks.runWith(lent, () -> wrapped.set(GuardedTasks.carryingLentGuard(
                () -> during.set(GuardedTasks.current()))));

        Thread other = new Thread(() -> {
            wrapped.get().run();
            after.set(GuardedTasks.current());
        });
        other.start();
        join(other);

        assertThat(during.get()).isSameAs(lent);
        assertThat(after.get()).isSameAs(installed);
    }

    @Test
    void withNoGuardLentTheRunnableIsLeftAsItIs() {
        Runnable work = () -> { };

        assertThat(GuardedTasks.carryingLentGuard(work)).isSameAs(work);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
