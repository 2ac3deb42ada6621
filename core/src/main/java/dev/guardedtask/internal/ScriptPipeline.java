package dev.guardedtask.internal;

import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends script calls with one request in flight at a time: a call made while the previous request is
 * on its way joins the next one, which carries every call waiting by then as one pipelined batch.
 * Alone, a call goes out at once, as a plain {@code EVALSHA}; under load from many threads, many
 * calls share a round trip. Redisson gives every command its own pooled connection; this is how
 * guardedtask gets the write and read coalescing that a multiplexed client such as Lettuce has.
 */
final class ScriptPipeline {

    private final RedissonClient redisson;
    private final RScript scripts;
    private final Queue<Call> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    ScriptPipeline(RedissonClient redisson) {
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
            CompletionStage<?> sent = calls.size() == 1 ? send(scripts, calls.get(0)) : sendBatch(calls);
            sent.whenComplete((ignored, error) -> {
                sending.set(false);
                sendWaiting();
            });
            return;
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
        // Redisson completes each call's own reply first; this only settles calls it left pending.
        return executed.whenComplete((result, error) -> {
            if (error != null) {
                calls.forEach(call -> call.reply.completeExceptionally(error));
            }
        });
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
    }
}
