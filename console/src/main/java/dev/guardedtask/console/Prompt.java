package dev.guardedtask.console;

import java.io.Console;

/** Asks the person at the terminal. */
interface Prompt {

    /** What they typed after {@code question}, or {@code null} if there is no terminal to ask on. */
    String ask(String question);

    /** The JVM's console ({@link System#console()}): none when input or output is redirected. */
    Prompt SYSTEM = question -> {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", question);
    };
}
