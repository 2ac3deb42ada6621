package dev.guardedtask.test;

import dev.guardedtask.GuardedTasks;

/** Runs what JUnit invokes with a test's guard lent to the thread, and knows which tester that thread serves. */
final class Lending {

    private static final ThreadLocal<TaskTester> CURRENT = new ThreadLocal<>();

    /** What JUnit invokes: a test method, a lifecycle method, a dynamic test. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Throwable;
    }

    private Lending() {
    }

    /** The tester whose guard is lent to this thread now, or {@code null}. */
    static TaskTester current() {
        return CURRENT.get();
    }

    /** {@code call}'s value, computed with {@code tester}'s guard lent to this thread; its throwable passed on as is. */
    static <T> T lent(TaskTester tester, Call<T> call) throws Throwable {
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        TaskTester previous = CURRENT.get();
        CURRENT.set(tester);
        try {
            GuardedTasks.runWith(tester.guard(), () -> {
                try {
                    value[0] = call.call();
                } catch (Throwable e) {
                    thrown[0] = e;
                }
            });
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
        if (thrown[0] != null) {
            throw thrown[0];
        }
        @SuppressWarnings("unchecked")
        T result = (T) value[0];
        return result;
    }
}
