package dev.guardedtask.internal;

import org.redisson.RedissonShutdownException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The store on Redis, through Redisson: each operation is one Lua script sent with {@code EVALSHA},
 * one round trip. Keys and values are plain strings whatever codec the client has. The protocol:
 * {@code docs/protocol.md}.
 *
 * <p>With {@link Replicas replica acknowledgement}, acquire and finish each go as their own request, the
 * script followed by Redis {@code WAIT} (Redisson's {@code BatchOptions.sync}): still one round trip each,
 * but not coalesced with other calls, since {@code WAIT}'s count is per connection.
 */
public final class RedisTaskStore implements TaskStore {

    private final RedissonClient redisson;
    private final RScript scripts;
    private final ScriptPipeline pipeline;
    private final Replicas replicas;
    private final Duration answerBound;
    private final Duration watchEvery;

    /** Longer than any request Redisson itself gives up on with its default retries (about 25 s). */
    static final Duration STUCK = Duration.ofSeconds(60);

    public RedisTaskStore(RedissonClient redisson) {
        this(redisson, Replicas.NONE);
    }

    public RedisTaskStore(RedissonClient redisson, Replicas replicas) {
        this(redisson, STUCK, Faults.NONE, replicas);
    }

    /** @param stuck how long a request may go unanswered before its calls fail (tests shorten it) */
    RedisTaskStore(RedissonClient redisson, Duration stuck) {
        this(redisson, stuck, Faults.NONE, Replicas.NONE);
    }

    /** @param faults where fault-injection tests throw */
    public RedisTaskStore(RedissonClient redisson, Duration stuck, Faults faults) {
        this(redisson, stuck, faults, Replicas.NONE);
    }

    RedisTaskStore(RedissonClient redisson, Duration stuck, Faults faults, Replicas replicas) {
        this.redisson = redisson;
        this.scripts = redisson.getScript(StringCodec.INSTANCE);
        this.pipeline = new ScriptPipeline(redisson, stuck, faults);
        this.replicas = replicas;
        // A call may wait for the request in flight (given up after stuck), then for its own (the same);
        // Redisson gives a request that waits for replicas their timeout on top of its own, on each attempt.
        this.answerBound = stuck.multipliedBy(2).plusSeconds(1).plus(replicas.timeout().multipliedBy(4));
        this.watchEvery = Duration.ofMillis(Math.max(10, stuck.toMillis() / 4));
    }

    /** The client this store sends through: the operator API ({@link RedisOperator}) reads and writes with it. */
    public RedissonClient redisson() {
        return redisson;
    }

    @Override
    public Duration answerBound() {
        return answerBound;
    }

    @Override
    public CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis, Start start) {
        Object[] args = keys.recorded()
                ? args(taskId, lockMillis, keys, flag(keys.success()), Long.toString(start.keepMillis()),
                start.worker(), Long.toString(start.startedMillis()))
                : args(taskId, lockMillis, keys, flag(keys.success()), "0");
        return run(LuaScript.ACQUIRE, keys, keys.acquireKeys(), args, Send.REPLICATED).thenApply(reply -> {
            if (reply.value() <= 0) {
                return reply.value() == -1 ? Acquisition.ALREADY_COMPLETED : Acquisition.LOCK_HELD;
            }
            if (reply.acknowledged() < replicas.count()) {
                throw new CompletionException(replicas.lockNotReplicated(keys.lock(), reply.acknowledged()));
            }
            return Acquisition.acquired(reply.value());
        });
    }

    @Override
    public CompletionStage<Boolean> renew(RunKeys keys, String taskId, long lockMillis) {
        // Sent at once, not behind the calls in flight: a slow reply to them must not delay a renewal.
        return run(LuaScript.RENEW, keys, keys.renewKeys(), args(taskId, lockMillis, keys), Send.NOW)
                .thenApply(reply -> reply.value() == 1);
    }

    /**
     * Waits for replicas only when it records a completion: a lock deletion that a failover loses only
     * makes the lock come back until it expires, a skip at worst.
     */
    @Override
    public CompletionStage<Release> finish(RunKeys keys, String taskId, long successMillis, Entry entry) {
        Send how = keys.success() == null ? Send.QUEUED : Send.REPLICATED;
        Object[] args = args(taskId, successMillis, keys, flag(keys.success()), flag(keys.run()),
                entry == null || !keys.recorded() ? "0" : Long.toString(entry.keepMillis()));
        if (entry != null && keys.recorded()) {
            Object[] recorded = Arrays.copyOf(args, args.length + 3);
            recorded[args.length] = Integer.toString(entry.maxRuns());
            recorded[args.length + 1] = entry.status();
            recorded[args.length + 2] = Json.write(entry.fields());
            args = recorded;
        }
        return run(LuaScript.FINISH, keys, keys.finishKeys(), args, how).thenApply(reply ->
                reply.acknowledged() < replicas.count()
                        ? new Release(reply.value() == 1, replicas.completionNotReplicated(keys, reply.acknowledged()))
                        : Release.of(reply.value() == 1));
    }

    /** {@code ARGV}: the task id, milliseconds and number of locks every script starts with, then {@code more}. */
    private static Object[] args(String taskId, long millis, RunKeys keys, String... more) {
        Object[] args = new Object[3 + more.length];
        args[0] = taskId;
        args[1] = Long.toString(millis);
        args[2] = Integer.toString(keys.locks().size());
        System.arraycopy(more, 0, args, 3, more.length);
        return args;
    }

    private static String flag(String key) {
        return key == null ? "0" : "1";
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
    public CompletionStage<Void> abandonedBy(Thread caller) {
        return pipeline.abandonedBy(caller);
    }

    /** How a script call goes out. */
    private enum Send {
        /** Coalesced with the other calls waiting ({@link ScriptPipeline}). */
        QUEUED,
        /** With replica acknowledgement, on its own followed by {@code WAIT}; else as {@link #QUEUED}. */
        REPLICATED,
        /** At once, on its own. */
        NOW
    }

    /**
     * A script's integer reply, and how many replicas acknowledged it ({@link Integer#MAX_VALUE} when
     * it did not wait for them).
     */
    private record Reply(long value, int acknowledged) {
    }

    private CompletionStage<Reply> run(LuaScript script, RunKeys runKeys, List<Object> keys, Object[] args, Send how) {
        CompletionStage<Reply> outcome;
        try {
            outcome = send(script.sha1(), keys, args, how).exceptionallyCompose(error -> isNoScript(error)
                    ? reload(script, keys, args, how) : CompletableFuture.failedStage(error));
        } catch (RuntimeException e) { // Redisson throws some errors at once, e.g. when shut down
            outcome = CompletableFuture.failedStage(e);
        }
        return outcome.handle((reply, error) -> {
            if (error == null) {
                return reply;
            }
            Throwable cause = unwrap(error);
            // Anything else (an Error such as StackOverflowError, a bug) is not Redis's answer: the guard's own.
            throw new CompletionException(fromRedis(cause) ? unavailable(script, runKeys.lock(), cause) : cause);
        });
    }

    private CompletionStage<Reply> send(String sha1, List<Object> keys, Object[] args, Send how) {
        if (how == Send.REPLICATED && replicas.count() > 0) {
            return evalShaWaiting(sha1, keys, args);
        }
        CompletionStage<Long> reply = how == Send.NOW ? pipeline.evalShaNow(sha1, keys, args)
                : pipeline.evalSha(sha1, keys, args);
        return reply.thenApply(value -> new Reply(value, Integer.MAX_VALUE));
    }

    /** The script, then {@code WAIT}, in one request on one connection: the count is this call's own. */
    private CompletionStage<Reply> evalShaWaiting(String sha1, List<Object> keys, Object[] args) {
        RBatch batch = redisson.createBatch(BatchOptions.defaults().sync(replicas.count(), replicas.timeout()));
        CompletionStage<Long> value = batch.getScript(StringCodec.INSTANCE)
                .evalShaAsync(Mode.READ_WRITE, sha1, ReturnType.LONG, keys, args);
        return batch.executeAsync().thenCombine(value, (result, reply) -> new Reply(reply, result.getSyncedSlaves()));
    }

    /** The server lost its script cache (restart, SCRIPT FLUSH, failover): load the script and run it again. */
    private CompletionStage<Reply> reload(LuaScript script, List<Object> keys, Object[] args, Send how) {
        return scripts.scriptLoadAsync(script.source())
                .thenCompose(sha1 -> send(script.sha1(), keys, args, how == Send.QUEUED ? Send.NOW : how));
    }

    private static boolean isNoScript(Throwable error) {
        return unwrap(error) instanceof RedisNoScriptException;
    }

    private static StoreUnavailableException unavailable(LuaScript script, String key, Throwable error) {
        if (error instanceof RedissonShutdownException) {
            return new StoreUnavailableException("the RedissonClient of this TaskGuard is shut down (the guard was "
                    + "closed while the run went on, which shuts down a client it created, or the client was shut "
                    + "down): close the guard, and then its client, only once its runs have ended", error);
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
