package dev.guardedtask.examples.interplay;

import java.util.ArrayList;
import java.util.List;

/** What ran, in order, on any thread: the aspects' and the bodies' steps. */
final class Trace {

    private static final List<String> steps = new ArrayList<>();

    private Trace() {
    }

    static synchronized void add(String step) {
        steps.add(step);
    }

    /** The steps so far, and a fresh start. */
    static synchronized List<String> take() {
        List<String> taken = List.copyOf(steps);
        steps.clear();
        return taken;
    }
}
