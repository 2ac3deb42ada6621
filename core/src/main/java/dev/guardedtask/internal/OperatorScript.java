package dev.guardedtask.internal;

/**
 * The operators' writes (docs/protocol.md, "Operator writes"), each one script so that its check, its write
 * and its history entry cannot be split by a run's own scripts. Keys only through {@code KEYS[]}, all of one
 * task (one slot under {@link dev.guardedtask.KeyScheme#CLUSTER}); the history is the last key. {@code ARGV}
 * starts with the same six values: who, when (epoch ms, the operator's clock), the date, the operator's
 * history length (0: history off, no entry), its time to live in ms, and the run's key ({@code @TaskKey}; empty
 * for an unkeyed lock or success key), which the entry records right after the date. An entry neither trims the history
 * nor changes its expiry, which the task's own guards set; only a history it creates gets that time to live.
 */
enum OperatorScript {

    /**
     * {@code KEYS = [lock, task-level lock, run info, history]}, {@code ARGV[7]} = {@code 1} to force. Refuses
     * (unless forced) a lock whose holder set or renewed it within the last half of its timeout, or whose age is
     * unknown (no run info of the same id): a live run renews every third of it. Deletes the task-level lock
     * only if it holds the same run id (a recurring run's second lock), and the run info only if it is that
     * run's. Returns {@code NOT_HELD}, {@code LIVE} or {@code RELEASED}.
     */
    RELEASE("""
            local id = redis.call('GET', KEYS[1])
            if not id then return 'NOT_HELD' end
            local run = redis.call('HMGET', KEYS[3], 'task_id', 'worker', 'lock_ms')
            local ours = run[1] == id
            if ARGV[7] ~= '1' then
              if not ours or not run[3] then return 'LIVE' end
              local lockMs = tonumber(run[3])
              if lockMs - redis.call('PTTL', KEYS[1]) < lockMs / 2 then return 'LIVE' end
            end
            redis.call('DEL', KEYS[1])
            if redis.call('GET', KEYS[2]) == id then redis.call('DEL', KEYS[2]) end
            if ours then redis.call('DEL', KEYS[3]) end
            local entry = {'kind', 'release', 'date', ARGV[3]}
            if ARGV[6] ~= '' then table.insert(entry, 'key'); table.insert(entry, ARGV[6]) end
            for _, v in ipairs({'by', ARGV[1], 'at', ARGV[2], 'task_id', id}) do table.insert(entry, v) end
            if ours and run[2] then table.insert(entry, 'worker'); table.insert(entry, run[2]) end
            table.insert(entry, 'forced'); table.insert(entry, ARGV[7] == '1' and 'true' or 'false')
            if ARGV[4] ~= '0' then
              redis.call('XADD', KEYS[4], '*', unpack(entry))
              if redis.call('PTTL', KEYS[4]) == -1 then redis.call('PEXPIRE', KEYS[4], ARGV[5]) end
            end
            return 'RELEASED'"""),

    /** {@code KEYS = [success key, history]}. Records only a deletion. Returns {@code 1} deleted, {@code 0} none. */
    FORGET("""
            local had = redis.call('DEL', KEYS[1])
            if had == 1 and ARGV[4] ~= '0' then
              local entry = {'kind', 'forget', 'date', ARGV[3]}
              if ARGV[6] ~= '' then table.insert(entry, 'key'); table.insert(entry, ARGV[6]) end
              for _, v in ipairs({'by', ARGV[1], 'at', ARGV[2]}) do table.insert(entry, v) end
              redis.call('XADD', KEYS[2], '*', unpack(entry))
              if redis.call('PTTL', KEYS[2]) == -1 then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
            end
            return had"""),

    /**
     * {@code KEYS = [success key, history]}, {@code ARGV[7]} = the success key's time to live in ms. Returns
     * {@code 1}.
     */
    COMPLETE("""
            redis.call('SET', KEYS[1], 'completed', 'PX', ARGV[7])
            if ARGV[4] ~= '0' then
              local entry = {'kind', 'complete', 'date', ARGV[3]}
              if ARGV[6] ~= '' then table.insert(entry, 'key'); table.insert(entry, ARGV[6]) end
              for _, v in ipairs({'by', ARGV[1], 'at', ARGV[2]}) do table.insert(entry, v) end
              redis.call('XADD', KEYS[2], '*', unpack(entry))
              if redis.call('PTTL', KEYS[2]) == -1 then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
            end
            return 1""");

    private final String source;

    OperatorScript(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }
}
