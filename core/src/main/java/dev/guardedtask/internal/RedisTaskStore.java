package dev.guardedtask.internal;

import org.redisson.RedissonShutdownException;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The store on Redis, through Redisson: each operation is one Lua script sent with {@code EVALSHA},
 * one round trip. Keys and values are plain strings whatever codec the client has. The protocol:
 * {@code docs/protocol.md}.
 */
public final class RedisTaskStore implements TaskStore {

    private final RScript scripts;
    private final ScriptPipeline pipeline;
    private final Duration answerBound;
    private final Duration watchEvery;

    /** Longer than any request Redisson itself gives up on with its default retries (about 25 s). */
    static final Duration STUCK = Duration.ofSeconds(60);

    public RedisTaskStore(RedissonClient redisson) {
        this(redisson, STUCK);
    }

    /** @param stuck how long a request may go unanswered before its calls fail (tests shorten it) */
    RedisTaskStore(RedissonClient redisson, Duration stuck) {
        this(redisson, stuck, Faults.NONE);
    }

    /** @param faults where fault-injection tests throw */
    public RedisTaskStore(RedissonClient redisson, Duration stuck, Faults faults) {
        this.scripts = redisson.getScript(StringCodec.INSTANCE);
        this.pipeline = new ScriptPipeline(redisson, stuck, faults);
        // A call may wait for the request in flight (given up after stuck), then for its own (the same).
        this.answerBound = stuck.multipliedBy(2).plusSeconds(1);
        this.watchEvery = Duration.ofMillis(Math.max(10, stuck.toMillis() / 4));
    }

    @Override
    public Duration answerBound() {
        return answerBound;
    }

    @Override
    public CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis) {
        return run(LuaScript.ACQUIRE, keys, taskId, lockMillis, false)
                .thenApply(outcome -> outcome == 1 ? Acquisition.ACQUIRED
                        : outcome == 2 ? Acquisition.ALREADY_COMPLETED
                        : Acquisition.LOCK_HELD);
    }

    @Override
    public CompletionStage<Boolean> renew(RunKeys keys, String taskId, long lockMillis) {
        // Sent at once, not behind the calls in flight: a slow reply to them must not delay a renewal.
        return run(LuaScript.RENEW, keys.withoutSuccess(), taskId, lockMillis, true).thenApply(outcome -> outcome == 1);
    }

    @Override
    public CompletionStage<Boolean> finish(RunKeys keys, String taskId, long successMillis) {
        return run(LuaScript.FINISH, keys, taskId, successMillis, false).thenApply(outcome -> outcome == 1);
    }

    @Override
    public Duration watchEvery() {
        return watchEvery;
    }

    @Override
    public void giveUpStuck() {
        pipeline.giveUpStuck();
    }

    @Override
    public void abandonedBy(Thread caller) {
        pipeline.abandonedBy(caller);
    }

    private CompletionStage<Long> run(LuaScript script, RunKeys runKeys, String taskId, long millis, boolean now) {
        List<Object> keys = runKeys.scriptKeys();
        Object[] args = {taskId, Long.toString(millis), Integer.toString(runKeys.locks().size())};
        CompletionStage<Long> outcome;
        try {
            CompletionStage<Long> reply = now ? pipeline.evalShaNow(script.sha1(), keys, args)
                    : pipeline.evalSha(script.sha1(), keys, args);
            outcome = reply.exceptionallyCompose(error ->
                    isNoScript(error) ? reload(script, keys, args) : CompletableFuture.failedStage(error));
        } catch (RuntimeException e) { // Redisson throws some errors at once, e.g. when shut down
            outcome = CompletableFuture.failedStage(e);
        }
        return outcome.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = unwrap(error);
            // Anything else (an Error such as StackOverflowError, a bug) is not Redis's answer: the guard's own.
            throw new CompletionException(fromRedis(cause) ? unavailable(script, runKeys.lock(), cause) : cause);
        });
    }

    /** The server lost its script cache (restart, SCRIPT FLUSH, failover): load the script and run it again. */
    private CompletionStage<Long> reload(LuaScript script, List<Object> keys, Object[] args) {
        return scripts.scriptLoadAsync(script.source())
                .thenCompose(sha1 -> pipeline.evalShaNow(script.sha1(), keys, args));
    }

    private static boolean isNoScript(Throwable error) {
        return unwrap(error) instanceof RedisNoScriptException;
    }

    private static StoreUnavailableException unavailable(LuaScript script, String key, Throwable error) {
        if (error instanceof RedissonShutdownException) {
            return new StoreUnavailableException("the RedissonClient of this TaskGuard is shut down; "
                    + "shut the client down only after closing the guard", error);
        }
        RedisFailure failure = RedisFailure.of(error);
        String message = failure.answered() ? "Redis refused " + script + " on " + key + ": " + failure.detail()
                : "Redis did not answer " + script + " on " + key + ": " + failure.what();
        return new StoreUnavailableException(message, failure.advice("the guard's URI or RedissonClient Config"),
                failure.refused(), error);
    }

    private static boolean fromRedis(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
