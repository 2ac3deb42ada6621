package dev.guardedtask.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The protocol's scripts (see {@code docs/protocol.md}). They touch keys only through {@code KEYS[]},
 * so the key scheme ({@link dev.guardedtask.KeyScheme}) needs no change here. {@code KEYS[]} holds the
 * run's locks (the per-date lock, then a recurring run's task-level lock), then the success key when
 * there is one (a daily run's acquire, a successful daily run's finish), then, for the acquire only, the
 * task's fencing counter; {@code ARGV = [task id, milliseconds, number of locks]}. Each script reads
 * every key before it writes one, so an error reply (a key of another type, a counter that is not a
 * number) comes before any write. Return values are integers.
 */
enum LuaScript {

    /**
     * Success check and locks in one step. Closes the boilerplate's race where two workers both see
     * "not completed" (EXISTS), then run one after the other because the first released its lock
     * before the second tried SET NX; and, with the task-level lock, two recurring runs for different
     * dates (midnight, zones, skewed clocks) running at once. All locks or none. Each acquisition
     * increments the task's fencing counter and returns its new value, the run's fencing token: greater
     * than every token handed out before. Idempotent for the locks: a client that resends it after a lost
     * reply gets "acquired" again (with a new token), not "held" by its own locks. A counter that holds
     * anything but a count (0 or more), set by hand say, is refused with an error reply that names it, before
     * any write: a token below 1 would read as a skip. Returns the token (1 or more) acquired, -1 completed,
     * 0 held.
     */
    ACQUIRE("""
            local n, mine = tonumber(ARGV[3]), 0
            local fence, success = KEYS[#KEYS], #KEYS == n + 2 and KEYS[n + 1]
            for i = 1, n do if redis.call('GET', KEYS[i]) == ARGV[1] then mine = mine + 1 end end
            if mine < n then
              if success and redis.call('EXISTS', success) == 1 then return -1 end
              if redis.call('EXISTS', unpack(KEYS, 1, n)) > 0 then return 0 end
            end
            local last = redis.pcall('GET', fence)
            if last and not (type(last) == 'string' and string.match(last, '^%d+$')) then
              return redis.error_reply('ERR the fencing counter ' .. fence .. ' holds no count of tokens (a negative '
                .. 'number, text, or a key of another type): delete it, or set it to the highest token your stores hold')
            end
            local token = redis.call('INCR', fence)
            for i = 1, n do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
            return token"""),

    /**
     * Extends the locks only while every one holds this run's id, so a run never extends a newcomer's
     * lock, nor keeps one lock alive after losing the other. Returns 1 or 0.
     */
    RENEW("""
            for i = 1, #KEYS do if redis.call('GET', KEYS[i]) ~= ARGV[1] then return 0 end end
            for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
            return 1"""),

    /**
     * Marks success and releases in one step, so no worker can take a lock between the two and find
     * the date not completed. Deletes each lock only if it still holds this run's id: the boilerplate's
     * plain DEL could delete the lock of a worker that took over after an expiry. Returns 1 released,
     * 0 a lock was gone or foreign (the others of this run are released all the same).
     */
    FINISH("""
            local n, mine, all = tonumber(ARGV[3]), {}, 1
            for i = 1, n do mine[i] = redis.call('GET', KEYS[i]) == ARGV[1] end
            if KEYS[n + 1] then redis.call('SET', KEYS[n + 1], 'completed', 'PX', ARGV[2]) end
            for i = 1, n do if mine[i] then redis.call('DEL', KEYS[i]) else all = 0 end end
            return all""");

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
