package dev.guardedtask.console;

/** The command line tool {@code guardedtask} (to be built). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("to be built");
    }
}
