package dev.guardedtask.examples.architecture;

import dev.guardedtask.internal.Inputs;

/** A violation on purpose: what {@link OnlyCoreUsesInternalTest}'s rule must catch. */
final class ReachesIntoInternal {

    private ReachesIntoInternal() {
    }

    static boolean isValid(String name) {
        return Inputs.isTaskName(name);
    }
}
