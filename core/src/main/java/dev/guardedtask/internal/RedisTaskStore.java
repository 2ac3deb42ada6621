package dev.guardedtask.internal;

import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

import java.util.List;

/**
 * The store on Redis, through Redisson: each operation is one Lua script, one round trip. Keys and
 * values are plain strings whatever codec the client has. The protocol: {@code docs/protocol.md}.
 */
public final class RedisTaskStore implements TaskStore {

    private final RScript scripts;

    public RedisTaskStore(RedissonClient redisson) {
        this.scripts = redisson.getScript(StringCodec.INSTANCE);
    }

    @Override
    public Acquisition acquire(String lockKey, String successKey, String taskId, long lockMillis) {
        long outcome = run(LuaScript.ACQUIRE, keys(lockKey, successKey), taskId, Long.toString(lockMillis));
        return outcome == 1 ? Acquisition.ACQUIRED
                : outcome == 2 ? Acquisition.ALREADY_COMPLETED
                : Acquisition.LOCK_HELD;
    }

    @Override
    public boolean renew(String lockKey, String taskId, long lockMillis) {
        return run(LuaScript.RENEW, List.of(lockKey), taskId, Long.toString(lockMillis)) == 1;
    }

    @Override
    public boolean finish(String lockKey, String successKey, String taskId, long successMillis) {
        return run(LuaScript.FINISH, keys(lockKey, successKey), taskId, Long.toString(successMillis)) == 1;
    }

    private static List<Object> keys(String lockKey, String successKey) {
        return successKey == null ? List.of(lockKey) : List.of(lockKey, successKey);
    }

    private long run(LuaScript script, List<Object> keys, String taskId, String millis) {
        try {
            return evaluate(script, keys, taskId, millis);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Redis did not answer " + script + ": " + describe(e), e);
        }
    }

    /** Redisson's own message is often generic ("Unexpected exception..."): add the first cause that says more. */
    private static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                return message + " (" + cause.getMessage() + ")";
            }
        }
        return message;
    }

    private long evaluate(LuaScript script, List<Object> keys, String taskId, String millis) {
        Long outcome;
        try {
            outcome = scripts.evalSha(Mode.READ_WRITE, script.sha1(), ReturnType.LONG, keys, taskId, millis);
        } catch (RedisNoScriptException e) {
            // The server lost its script cache (restart, SCRIPT FLUSH, failover): EVAL sends and caches it again.
            outcome = scripts.eval(Mode.READ_WRITE, script.source(), ReturnType.LONG, keys, taskId, millis);
        }
        return outcome;
    }
}
