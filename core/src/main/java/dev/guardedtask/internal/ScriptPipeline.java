package dev.guardedtask.internal;

import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends script calls with one request in flight at a time: a call made while the previous request is
 * on its way joins the next one, which carries every call waiting by then as one pipelined batch.
 * Alone, a call goes out at once, as a plain {@code EVALSHA}; under load from many threads, many
 * calls share a round trip. Redisson gives every command its own pooled connection; this is how
 * guardedtask gets the write and read coalescing that a multiplexed client such as Lettuce has.
 */
final class ScriptPipeline {

    private final Duration stuck;
    private final RedissonClient redisson;
    private final RScript scripts;
    private final Queue<Call> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    /** @param stuck how long a request may go unanswered before its calls fail and the next request goes */
    ScriptPipeline(RedissonClient redisson, Duration stuck) {
        this.stuck = stuck;
        this.redisson = redisson;
        this.scripts = redisson.getScript(StringCodec.INSTANCE);
    }

    /** Runs {@code script} (by its SHA-1) with these keys and arguments; completes with its integer reply. */
    CompletionStage<Long> evalSha(String sha1, List<Object> keys, Object... args) {
        Call call = new Call(sha1, keys, args, new CompletableFuture<>());
        waiting.add(call);
        sendWaiting();
        return call.reply;
    }

    /** Runs {@code script} at once, on its own connection, whatever is in flight: for calls that must not wait. */
    CompletionStage<Long> evalShaNow(String sha1, List<Object> keys, Object... args) {
        Call call = new Call(sha1, keys, args, new CompletableFuture<>());
        send(scripts, call);
        return call.reply;
    }

    private void sendWaiting() {
        while (!waiting.isEmpty() && sending.compareAndSet(false, true)) {
            List<Call> calls = new ArrayList<>();
            for (Call call = waiting.poll(); call != null; call = waiting.poll()) {
                calls.add(call);
            }
            if (calls.isEmpty()) {
                sending.set(false);
                continue;
            }
            sendInFlight(calls).whenComplete((ignored, error) -> {
                sending.set(false);
                sendWaiting();
            });
            return;
        }
    }

    /**
     * Sends {@code calls}; the stage completes when every call has its reply. A request Redisson never
     * answers would hold every later call back: after {@link #stuck} its calls fail and the next goes.
     */
    private CompletableFuture<?> sendInFlight(List<Call> calls) {
        try {
            CompletionStage<?> sent = calls.size() == 1 ? send(scripts, calls.get(0)) : sendBatch(calls);
            return sent.toCompletableFuture().orTimeout(stuck.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, error) -> calls.forEach(call -> call.failIfPending(error, stuck)));
        } catch (Throwable e) { // whatever happened, no call may be left waiting, nor the pipeline blocked
            calls.forEach(call -> call.failIfPending(e, stuck));
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<?> sendBatch(List<Call> calls) {
        RBatch batch = redisson.createBatch(BatchOptions.defaults());
        RScriptAsync batched = batch.getScript(StringCodec.INSTANCE);
        calls.forEach(call -> send(batched, call));
        CompletionStage<?> executed;
        try {
            executed = batch.executeAsync();
        } catch (RuntimeException e) {
            executed = CompletableFuture.failedStage(e);
        }
        // Redisson completes each call's own reply first; sendInFlight settles any it left pending.
        return executed;
    }

    private static CompletionStage<Long> send(RScriptAsync scripts, Call call) {
        CompletionStage<Long> reply;
        try {
            reply = scripts.evalShaAsync(Mode.READ_WRITE, call.sha1, ReturnType.LONG, call.keys, call.args);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedStage(e);
        }
        return reply.whenComplete((value, error) -> {
            if (error != null) {
                call.reply.completeExceptionally(error);
            } else {
                call.reply.complete(value);
            }
        });
    }

    private record Call(String sha1, List<Object> keys, Object[] args, CompletableFuture<Long> reply) {

        void failIfPending(Throwable error, Duration stuck) {
            if (error != null) {
                reply.completeExceptionally(error instanceof TimeoutException
                        ? new TimeoutException("no reply from Redis within " + stuck.toMillis() + " ms")
                        : error);
            }
        }
    }
}
