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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sends script calls with at most {@link #WINDOW} requests in flight at a time: a call made while every
 * slot is taken joins the next request, which carries every call waiting by then as one pipelined batch.
 * Alone, a call goes out at once, as a plain {@code EVALSHA}; under load from many threads, many calls
 * share a round trip. Redisson gives every command its own pooled connection; this is how guardedtask
 * gets the write and read coalescing that a multiplexed client such as Lettuce has. More than one request
 * in flight lets the client prepare the next batch while Redis runs the last one: with one, 32 threads
 * on a 2-core machine made about 12,000 runs a second, with three about 16,000-18,000
 * ({@code docs/performance.md}).
 *
 * <p>Whatever is thrown while a request is sent (an {@code Error} such as {@code StackOverflowError}
 * included), the next call can send: the in-flight mark is cleared in {@code finally}; a mark that
 * {@code finally} could not clear is cleared by {@link #abandonedBy} from a fresh stack, or else taken
 * over by the first call after {@code stuck}.
 */
final class ScriptPipeline {

    /** Requests in flight at most. */
    static final int WINDOW = 3;

    private final Duration stuck;
    private final RedissonClient redisson;
    private final RScript scripts;
    private final Faults faults;
    private final Queue<Call> waiting = new ConcurrentLinkedQueue<>();
    /** The requests in flight, one per slot; {@code null}: the slot is free. */
    private final AtomicReferenceArray<InFlight> inFlight = new AtomicReferenceArray<>(WINDOW);

    /**
     * @param stuck how long a request may go unanswered before its calls fail and the next request goes
     * @param faults where tests throw; {@link Faults#NONE} otherwise
     */
    ScriptPipeline(RedissonClient redisson, Duration stuck, Faults faults) {
        this.stuck = stuck;
        this.redisson = redisson;
        this.scripts = redisson.getScript(StringCodec.INSTANCE);
        this.faults = faults;
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
        while (!waiting.isEmpty()) {
            InFlight mine = new InFlight(System.nanoTime(), Thread.currentThread());
            int slot = claim(mine);
            if (slot < 0) {
                return; // every slot is in flight: the first to end sends what is waiting
            }
            List<Call> calls = mine.calls;
            Throwable thrown = null;
            boolean sent = false;
            try {
                for (Call call = waiting.poll(); call != null; call = waiting.poll()) {
                    calls.add(call);
                }
                if (!calls.isEmpty()) {
                    sendInFlight(calls).whenComplete((ignored, error) -> {
                        inFlight.compareAndSet(slot, mine, null);
                        sendWaiting();
                    });
                    mine.launched = true;
                    sent = true;
                    return;
                }
            } catch (Throwable t) {
                thrown = t;
                throw t;
            } finally {
                if (!sent) { // nothing to send, or a throwable on the way: free the pipeline, fail what was taken
                    faults.reached(Faults.Point.CLEAR);
                    inFlight.compareAndSet(slot, mine, null);
                    failAll(calls, thrown);
                }
            }
        }
    }

    /**
     * {@code sender}'s call into this pipeline ended with a throwable, possibly thrown where the stack
     * had no room left even for the {@code finally} that clears its mark. If a mark it set was never
     * launched, clear it and send the calls it held. Call it from another thread, with a fresh stack,
     * once {@code sender} has left the pipeline. Should {@code sender} have started a new request
     * meanwhile, its calls may go out twice: every script is idempotent for the same run id. The stage
     * completes, never exceptionally, once the calls sent again have their answers: with more than one
     * request in flight, a call sent after this one could otherwise overtake them.
     */
    CompletionStage<Void> abandonedBy(Thread sender) {
        List<CompletableFuture<Long>> resent = new ArrayList<>();
        for (int slot = 0; slot < inFlight.length(); slot++) {
            InFlight current = inFlight.get(slot);
            if (current != null && current.sender == sender && !current.launched
                    && inFlight.compareAndSet(slot, current, null)) {
                for (Call call : current.calls) {
                    if (!call.reply.isDone()) {
                        resent.add(call.reply);
                        waiting.add(call);
                    }
                }
                sendWaiting();
            }
        }
        return CompletableFuture.allOf(resent.toArray(CompletableFuture[]::new)).handle((answered, failed) -> null);
    }

    /**
     * Takes a free slot for {@code mine}, or else one whose mark is older than {@link #stuck}, left by a sender
     * that could not clear it. Returns the slot, or -1 if every slot is in flight.
     */
    private int claim(InFlight mine) {
        for (int slot = 0; slot < inFlight.length(); slot++) {
            if (inFlight.compareAndSet(slot, null, mine)) {
                return slot;
            }
        }
        for (int slot = 0; slot < inFlight.length(); slot++) {
            InFlight current = inFlight.get(slot);
            if (current != null && mine.since - current.since > stuck.toNanos()
                    && inFlight.compareAndSet(slot, current, mine)) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Sends {@code calls}; the stage completes when every call has its reply. A request Redisson never
     * answers would hold every later call back: {@link #giveUpStuck} fails its calls after {@link #stuck}.
     */
    private CompletableFuture<?> sendInFlight(List<Call> calls) {
        faults.reached(Faults.Point.SEND);
        CompletionStage<?> sent = calls.size() == 1 ? send(scripts, calls.get(0)) : sendBatch(calls);
        // No orTimeout here: it schedules on the JDK's shared delay queue, from the caller's stack, and a
        // StackOverflowError inside that queue's sift corrupts it for the whole JVM. giveUpStuck() instead.
        return sent.toCompletableFuture().whenComplete((ignored, error) -> failAll(calls, error));
    }

    /**
     * Gives up the request in flight if it has gone unanswered for longer than {@link #stuck}: fails its
     * calls and lets the next request go. Called every so often from the guard's own thread.
     */
    void giveUpStuck() {
        for (int slot = 0; slot < inFlight.length(); slot++) {
            InFlight current = inFlight.get(slot);
            if (current != null && System.nanoTime() - current.since > stuck.toNanos()
                    && inFlight.compareAndSet(slot, current, null)) {
                failAll(current.calls, new TimeoutException());
                sendWaiting();
            }
        }
    }

    /** Fails each call not answered yet: with {@code error}, or as left without a reply. */
    private void failAll(List<Call> calls, Throwable error) {
        faults.reached(Faults.Point.SETTLE);
        for (Call call : calls) {
            if (!call.reply.isDone()) {
                call.reply.completeExceptionally(error instanceof TimeoutException
                        ? new TimeoutException("no reply from Redis within " + stuck.toMillis() + " ms")
                        : error != null ? error : new IllegalStateException("the request ended without a reply "
                        + "for this call"));
            }
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

    private CompletionStage<Long> send(RScriptAsync scripts, Call call) {
        CompletionStage<Long> reply;
        try {
            reply = scripts.evalShaAsync(Mode.READ_WRITE, call.sha1, ReturnType.LONG, call.keys, call.args);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedStage(e);
        }
        return reply.whenComplete((value, error) -> {
            faults.reached(Faults.Point.REPLY);
            if (error != null) {
                call.reply.completeExceptionally(error);
            } else {
                call.reply.complete(value);
            }
        });
    }

    private record Call(String sha1, List<Object> keys, Object[] args, CompletableFuture<Long> reply) {
    }

    /** The request in flight, since {@code since} ({@link System#nanoTime()}); compared by identity. */
    private static final class InFlight {

        final long since;
        final Thread sender;
        final List<Call> calls = new ArrayList<>();
        volatile boolean launched;

        InFlight(long since, Thread sender) {
            this.since = since;
            this.sender = sender;
        }
    }
}
