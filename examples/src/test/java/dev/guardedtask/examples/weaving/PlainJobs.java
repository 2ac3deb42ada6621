package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;

import java.util.concurrent.atomic.AtomicInteger;

/** Guarded methods that proxy-based AOP would silently leave unguarded; no container creates this class. */
class PlainJobs {

    static final AtomicInteger staticRuns = new AtomicInteger();

    final AtomicInteger privateRuns = new AtomicInteger();
    final AtomicInteger selfRuns = new AtomicInteger();
    final AtomicInteger plainRuns = new AtomicInteger();

    void callPrivate() {
        refreshPrivately();
    }

    void callSelf() {
        this.refresh();
    }

    @GuardedTask(name = "private_task")
    private void refreshPrivately() {
        privateRuns.incrementAndGet();
    }

    @GuardedTask(name = "self_task")
    public void refresh() {
        selfRuns.incrementAndGet();
    }

    @GuardedTask(name = "static_task")
    static void refreshStatically() {
        staticRuns.incrementAndGet();
    }

    @GuardedTask(name = "plain_task")
    public void plain() {
        plainRuns.incrementAndGet();
    }
}
