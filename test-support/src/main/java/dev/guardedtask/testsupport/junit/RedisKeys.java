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

    /**
     * {@code fence:T}, {@code history:T}, {@code stats:T} or {@code run:T:D}, the task in braces or not, after
     * any prefix.
     */
    Pattern BOOKKEEPING = Pattern.compile("(^|[^A-Za-z0-9])((fence|history|stats):[^:]+|run:[^:]+:[0-9]{8})$");

    /**
     * Whether {@code key} is one of a task's bookkeeping keys rather than a lock or success key: its fencing
     * counter (kept for good), its history, its counts, or a run-in-progress hash. Keyspace snapshots leave
     * them out, so that they show the protocol's locks and success keys; the history's own tests read them.
     * No test task is named {@code fence}, {@code history}, {@code stats} or {@code run}, or ends in one
     * after a separator.
     */
    static boolean isBookkeeping(String key) {
        return BOOKKEEPING.matcher(key).find();
    }
}
