package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTask;
import dev.guardedtask.TaskDate;
import dev.guardedtask.TaskKey;
import dev.guardedtask.TaskResult;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A user's class with guarded methods that return stages: the work ends when the stage the test holds completes. */
class AsyncJobs {

    final AtomicInteger runs = new AtomicInteger();
    /** What the next call's work completes with; the test completes it, from any thread. */
    volatile CompletableFuture<String> work = new CompletableFuture<>();
    volatile TaskResult injected;

    @GuardedTask(name = "async_export", recurring = true)
    CompletableFuture<String> export() {
        runs.incrementAndGet();
        return work;
    }

    @GuardedTask(name = "report")
    CompletionStage<TaskResult> report(TaskResult result) {
        runs.incrementAndGet();
        injected = result;
        return work.thenApply(done -> {
            result.add("rows", done.length());
            return result;
        });
    }

    @GuardedTask(name = "dated")
    CompletionStage<Optional<String>> onDate(@TaskDate LocalDate date) {
        runs.incrementAndGet();
        return work.thenApply(Optional::of);
    }

    @GuardedTask(name = "broken")
    CompletableFuture<Void> broken(boolean throwAtOnce) {
        runs.incrementAndGet();
        if (throwAtOnce) {
            throw new IllegalStateException("no input file");
        }
        return work.thenAccept(done -> {
            throw new IllegalArgumentException("bad row " + done);
        });
    }

    /** A lock per file: the work of each file is the stage the test put in {@link #files} under its name. */
    @GuardedTask(name = "async_import", recurring = true)
    CompletableFuture<String> importFile(@TaskKey String file) {
        runs.incrementAndGet();
        return files.computeIfAbsent(file, f -> new CompletableFuture<>());
    }

    final java.util.Map<String, CompletableFuture<String>> files = new java.util.concurrent.ConcurrentHashMap<>();

    @GuardedTask(name = "nothing")
    CompletableFuture<String> nothing() {
        runs.incrementAndGet();
        return null;
    }
}
