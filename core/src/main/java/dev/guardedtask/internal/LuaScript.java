package dev.guardedtask.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The protocol's scripts (see {@code docs/protocol.md}). They touch keys only through {@code KEYS[]},
 * so a Redis Cluster key scheme with hash tags needs no change here. {@code KEYS[2]}, the success
 * key, is absent for recurring tasks and failed runs. Return values are integers.
 */
enum LuaScript {

    /**
     * Success check and lock in one step. Closes the boilerplate's race where two workers both see
     * "not completed" (EXISTS), then run one after the other because the first released its lock
     * before the second tried SET NX. Idempotent: a client that resends it after a lost reply gets
     * "acquired" again, not "held" by its own lock. Returns 2 completed, 1 acquired, 0 held.
     */
    ACQUIRE("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0"""),

    /** Extends the lock only while it holds this run's id, so a run never extends a newcomer's lock. Returns 1 or 0. */
    RENEW("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0"""),

    /**
     * Marks success and releases in one step, so no worker can take the lock between the two and find
     * the date not completed. Deletes the lock only if it still holds this run's id: the boilerplate's
     * plain DEL could delete the lock of a worker that took over after an expiry. Returns 1 released,
     * 0 lock gone or foreign.
     */
    FINISH("""
            if KEYS[2] then redis.call('SET', KEYS[2], 'completed', 'PX', ARGV[2]) end
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
            return 0""");

    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    String source() {
        return source;
    }

    String sha1() {
        return sha1;
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
