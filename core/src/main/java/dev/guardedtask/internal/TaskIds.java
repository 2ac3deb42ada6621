package dev.guardedtask.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Run ids as the boilerplate makes them: 8 lowercase hex characters. */
public final class TaskIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TaskIds() {
    }

    public static String next() {
        int bits = ThreadLocalRandom.current().nextInt();
        char[] id = new char[8];
        for (int i = 7; i >= 0; i--) {
            id[i] = HEX[bits & 0xf];
            bits >>>= 4;
        }
        return new String(id);
    }
}
