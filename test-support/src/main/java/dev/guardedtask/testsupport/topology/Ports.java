package dev.guardedtask.testsupport.topology;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the topologies' nodes. A cluster node also listens on its bus port, port + 10000,
 * so both are checked, and both stay below the kernel's ephemeral range (32768 and up on Linux), where
 * the outgoing connections of every other test on the machine take their local ports.
 */
final class Ports {

    /** Ports handed out by this JVM, never handed out twice (a node may not have bound its port yet). */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int LOWEST = 15_000;
    private static final int HIGHEST = 22_000;
    static final int BUS_OFFSET = 10_000;

    private Ports() {
    }

    /** A port free on 127.0.0.1 whose bus port (+10000) is free too. */
    static synchronized int freeWithBus() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && isFree(port) && isFree(port + BUS_OFFSET)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port pair (p, p + " + BUS_OFFSET + ") found with p in ["
                + LOWEST + ", " + HIGHEST + ")");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
