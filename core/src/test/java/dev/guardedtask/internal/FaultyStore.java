package dev.guardedtask.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A store that passes every operation to a real one, except the one it is told to break: at the
 * {@code n}th call of that operation it throws a chosen throwable, either on the caller's thread
 * ({@link How#THROWS}) or as the outcome of the stage, as a callback that threw would
 * ({@link How#FAILS_STAGE}). Every other call goes through untouched.
 */
public final class FaultyStore implements TaskStore {

    /** The store operation to break. */
    public enum Operation { ACQUIRE, RENEW, FINISH }

    /** How the fault shows. */
    public enum How { THROWS, FAILS_STAGE }

    private final TaskStore store;
    private final Operation operation;
    private final int nth;
    private final How how;
    private final Supplier<Throwable> fault;
    private final Map<Operation, AtomicInteger> calls = new ConcurrentHashMap<>();

    public FaultyStore(TaskStore store, Operation operation, int nth, How how, Supplier<Throwable> fault) {
        this.store = store;
        this.operation = operation;
        this.nth = nth;
        this.how = how;
        this.fault = fault;
    }

    /** How many times {@code operation} was called, the broken call included. */
    public int calls(Operation operation) {
        return calls.computeIfAbsent(operation, o -> new AtomicInteger()).get();
    }

    @Override
    public Duration answerBound() {
        return store.answerBound();
    }

    @Override
    public CompletionStage<Void> abandonedBy(Thread caller) {
        return store.abandonedBy(caller);
    }

    @Override
    public CompletionStage<Acquisition> acquire(RunKeys keys, String taskId, long lockMillis, Start start) {
        return call(Operation.ACQUIRE, () -> store.acquire(keys, taskId, lockMillis, start));
    }

    @Override
    public CompletionStage<Boolean> renew(RunKeys keys, String taskId, long lockMillis) {
        return call(Operation.RENEW, () -> store.renew(keys, taskId, lockMillis));
    }

    @Override
    public CompletionStage<Release> finish(RunKeys keys, String taskId, long successMillis, Entry entry) {
        return call(Operation.FINISH, () -> store.finish(keys, taskId, successMillis, entry));
    }

    private <T> CompletionStage<T> call(Operation called, Supplier<CompletionStage<T>> real) {
        int count = calls.computeIfAbsent(called, o -> new AtomicInteger()).incrementAndGet();
        if (called != operation || count != nth) {
            return real.get();
        }
        if (how == How.THROWS) {
            throw Sneaky.<RuntimeException>raise(fault.get());
        }
        return real.get().thenApply(value -> {
            throw Sneaky.<RuntimeException>raise(fault.get());
        });
    }

    /** Throws any throwable, checked ones included, from code that declares none. */
    public static final class Sneaky {

        private Sneaky() {
        }

        @SuppressWarnings("unchecked")
        public static <E extends Throwable> E raise(Throwable t) throws E {
            throw (E) t;
        }
    }
}
