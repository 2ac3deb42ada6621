package dev.guardedtask.testsupport.junit;

import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.regex.Pattern;

/** What a test reads and writes of a Redis the extension started, whatever its topology. */
public interface RedisKeys {

    /** This test class's client. */
    RedissonClient client();

    String get(String key);

    /** Remaining time to live in ms as {@code PTTL} gives it: -2 absent, -1 no expiry. */
    long pttl(String key);

    void set(String key, String value, Duration ttl);

    /** {@code fence:T} or {@code fence:{T}} after any prefix. */
    Pattern FENCING_COUNTER = Pattern.compile("(^|[^A-Za-z0-9])fence:[^:]+$");

    /**
     * Whether {@code key} is a task's fencing counter ({@code fence:T}, {@code fence:{T}}, after any prefix):
     * a key every acquired task keeps for good, which keyspace snapshots leave out. No test task is named
     * {@code fence} or ends in {@code _fence}.
     */
    static boolean isFencingCounter(String key) {
        return FENCING_COUNTER.matcher(key).find();
    }
}
