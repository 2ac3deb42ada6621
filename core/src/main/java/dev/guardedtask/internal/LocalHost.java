package dev.guardedtask.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** This host's name, for the default names of workers ({@code pid@host}) and operators ({@code user@host}). */
public final class LocalHost {

    private static final String NAME = find();

    private LocalHost() {
    }

    /** The host's name, found once: from {@code HOSTNAME} or {@code COMPUTERNAME} if set (no lookup), else the local host's. */
    public static String name() {
        return NAME;
    }

    private static String find() {
        Optional<String> set = Optional.ofNullable(System.getenv("HOSTNAME"))
                .or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME"))).filter(name -> !name.isBlank());
        if (set.isPresent()) {
            return set.get();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
