package dev.guardedtask.examples.interplay;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskResult;
import org.springframework.transaction.annotation.Transactional;

import java.util.concurrent.atomic.AtomicInteger;

/** {@code @Transactional} both ways round: on the guarded method, and on the inner bean the guarded body calls. */
final class TransactionalJobs {

    private TransactionalJobs() {
    }

    /** Not recommended: the transaction proxy wraps the guard, so even a skipped call opens a transaction. */
    public static class OnTheGuardedMethod {

        private final AtomicInteger runs = new AtomicInteger();

        @Transactional
        @GuardedTask(name = "task_tx_on_guarded")
        public TaskResult export() {
            runs.incrementAndGet();
            return null;
        }

        /** A method, not the field: the caller holds the proxy, whose own fields are not the bean's. */
        public int runs() {
            return runs.get();
        }
    }

    /** Recommended: the guarded body calls a @Transactional method of another bean, so only a run opens one. */
    public static class OnTheInnerBean {

        private final ExportWriter writer;

        public OnTheInnerBean(ExportWriter writer) {
            this.writer = writer;
        }

        @GuardedTask(name = "task_tx_on_inner")
        public TaskResult export() {
            writer.write();
            return null;
        }
    }

    /** The transactional work, in its own bean so that the call goes through its proxy. */
    public static class ExportWriter {

        private final AtomicInteger writes = new AtomicInteger();

        @Transactional
        public void write() {
            writes.incrementAndGet();
        }

        public int writes() {
            return writes.get();
        }
    }
}
