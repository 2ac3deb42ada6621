package dev.guardedtask;

import java.time.Clock;

/**
 * A stand-in with the binary names of core's {@code TaskGuard} and {@code TaskGuard.Builder}, only on
 * this module's test class path (test-support does not depend on core), so the rule's fixtures can
 * build a "guard" with and without a clock.
 */
public final class TaskGuard {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        public Builder clock(Clock clock) {
            return this;
        }

        public Builder inMemory() {
            return this;
        }

        public TaskGuard build() {
            return new TaskGuard();
        }
    }
}
