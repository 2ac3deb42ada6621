package dev.guardedtask.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The protocol's scripts (see {@code docs/protocol.md}). They touch keys only through {@code KEYS[]},
 * so the key scheme ({@link dev.guardedtask.KeyScheme}) needs no change here. {@code KEYS[]} holds the
 * run's locks first (the per-date lock, then a recurring run's task-level lock), then the keys each script
 * lists ({@link RunKeys}); {@code ARGV} starts with the task id, milliseconds and the number of locks, then
 * says which optional keys follow, so that each script finds its keys by position. Each script reads every
 * key of the protocol before it writes one, so an error reply (a key of another type, a counter that is not
 * a number) comes before any write to the locks and success key; a history of another type fails the
 * finish before it changes them. Return values are integers.
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
     * any write: a token below 1 would read as a skip. With history, an acquisition writes the run-in-progress
     * hash (worker, start, lock timeout, token) with the lock's time to live, and a skip adds one to its
     * reason's count. {@code KEYS = [locks..., success?, fence, run?, stats?]},
     * {@code ARGV = [task id, lock ms, locks, 1 if a success key, history ms or 0, worker, start ms]}.
     * Returns the token (1 or more) acquired, -1 completed, 0 held.
     */
    ACQUIRE("""
            local id, n, s, keep = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
            local success, fence, run, stats = s == 1 and KEYS[n + 1], KEYS[n + s + 1], KEYS[n + s + 2], KEYS[n + s + 3]
            local mine, found = 0, 0
            for i = 1, n do
              local holder = redis.call('GET', KEYS[i])
              if holder == id then mine = mine + 1 elseif holder then found = found + 1 end
            end
            if mine < n then
              local skip = success and redis.call('EXISTS', success) == 1 and -1 or mine + found > 0 and 0
              if skip then
                if keep > 0 then
                  redis.call('HINCRBY', stats, skip == -1 and 'already_completed' or 'lock_held', 1)
                  redis.call('PEXPIRE', stats, keep)
                end
                return skip
              end
            end
            local last = redis.pcall('GET', fence)
            if last and not (type(last) == 'string' and string.match(last, '^%d+$')) then
              return redis.error_reply('ERR the fencing counter ' .. fence .. ' holds no count of tokens (a negative '
                .. 'number, text, or a key of another type): delete it, or set it to the highest token your stores hold')
            end
            local token = redis.call('INCR', fence)
            for i = 1, n do redis.call('SET', KEYS[i], id, 'PX', ARGV[2]) end
            if keep > 0 then
              redis.call('DEL', run)
              redis.call('HSET', run, 'task_id', id, 'worker', ARGV[6], 'started', ARGV[7], 'lock_ms', ARGV[2],
                'fencing_token', token)
              redis.call('PEXPIRE', run, ARGV[2])
            end
            return token"""),

    /**
     * Extends the locks, and the run-in-progress hash with them, only while every lock holds this run's id,
     * so a run never extends a newcomer's lock, nor keeps one lock alive after losing the other.
     * {@code KEYS = [locks..., run?]}, {@code ARGV = [task id, lock ms, locks]}. Returns 1 or 0.
     */
    RENEW("""
            for i = 1, tonumber(ARGV[3]) do if redis.call('GET', KEYS[i]) ~= ARGV[1] then return 0 end end
            for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
            return 1"""),

    /**
     * Marks success and releases in one step, so no worker can take a lock between the two and find
     * the date not completed. Deletes each lock only if it still holds this run's id: the boilerplate's
     * plain DEL could delete the lock of a worker that took over after an expiry; and the run-in-progress
     * hash only if it is this run's. With a history entry, first appends it to the task's history (trimmed to
     * the last entries; from 100 entries kept, about the last: {@code MAXLEN ~}, which Redis does a whole stream
     * node at a time, far cheaper than an exact trim on every run), with field {@code lock} = {@code released}, or {@code lost} if a lock was gone
     * or foreign, and adds one to its status's count. The entry's fields come as one JSON array of strings
     * ({@code cjson}, in every Redis's Lua): one argument instead of one per field and value, which costs the
     * client far less to send. {@code KEYS = [locks..., success?, run?, history?, stats?]},
     * {@code ARGV = [task id, success ms, locks, 1 if a success key, 1 if a run key, history ms or 0 (no entry),
     * entries kept, status, the entry's fields [field, value, ...] as JSON]}. Returns 1 released, 0 a lock was gone or foreign (the others
     * of this run are released all the same).
     */
    FINISH("""
            local id, n, s, r, keep = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
            local mine, all, run = {}, 1, r == 1 and KEYS[n + s + 1]
            for i = 1, n do mine[i] = redis.call('GET', KEYS[i]) == id; if not mine[i] then all = 0 end end
            local ours = run and redis.call('HGET', run, 'task_id') == id
            if keep > 0 then
              local history, stats, lock = KEYS[n + s + r + 1], KEYS[n + s + r + 2], all == 1 and 'released' or 'lost'
              if tonumber(ARGV[7]) < 100 then
                redis.call('XADD', history, 'MAXLEN', ARGV[7], '*', 'lock', lock, unpack(cjson.decode(ARGV[9])))
              else -- trimmed a whole stream node at a time, far cheaper than an exact trim on every run
                redis.call('XADD', history, 'MAXLEN', '~', ARGV[7], '*', 'lock', lock, unpack(cjson.decode(ARGV[9])))
              end
              redis.call('PEXPIRE', history, keep)
              redis.call('HINCRBY', stats, ARGV[8], 1)
              redis.call('PEXPIRE', stats, keep)
            end
            if s == 1 then redis.call('SET', KEYS[n + 1], 'completed', 'PX', ARGV[2]) end
            if ours then redis.call('DEL', run) end
            for i = 1, n do if mine[i] then redis.call('DEL', KEYS[i]) end end
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
