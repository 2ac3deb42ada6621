package dev.guardedtask.internal;

import dev.guardedtask.internal.TaskStore.Acquisition;
import dev.guardedtask.internal.TaskStore.Outcome;
import dev.guardedtask.testsupport.junit.RedisExtension;
import dev.guardedtask.testsupport.junit.RedisKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The contract on a real Redis with the plain keys; {@code RedisTaskStoreClusterKeysTest} runs it all with the cluster keys. */
class RedisTaskStoreTest extends RedisStoreContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();


    @Override
    RedisKeys redis() {
        return redis;
    }

    @Test
    void scriptsAreLoadedAgainAfterScriptFlushAtTheCostOfOneLoad() {
        acquire(daily, ME, MINUTE);
        redis.client().getScript().scriptFlush();
        Map<String, Long> before = redis.commandCalls();

        assertThat(finish(daily, ME, DAY_MILLIS)).isTrue();

        assertThat(value(success)).isEqualTo("completed");
        Map<String, Long> after = redis.commandCalls();
        assertThat(after.get("evalsha") - before.get("evalsha")).as("the refused EVALSHA, then the run").isEqualTo(2);
        assertThat(after.get("script") - before.getOrDefault("script", 0L)).as("SCRIPT LOAD").isEqualTo(1);
    }

    @Test
    void concurrentCallsSharingABatchEachGetTheirOwnAnswerEvenAfterAScriptFlush() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                redis.client().getScript().scriptFlush();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Outcome>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    RunKeys run = keys.forRun("task_" + t, null, "2026112" + round, false);
                    calls.add(pool.submit(() -> {
                        start.await();
                        return acquire(run, ME, MINUTE);
                    }));
                }
                for (Future<Outcome> call : calls) {
                    assertThat(call.get()).isEqualTo(Outcome.ACQUIRED);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(redis.keyspace()).hasSize(threads * 10).allMatch(key -> key.endsWith("=" + ME));
    }

    @Test
    void atMostTheWindowsRequestsAreInFlightAndTheCallsMadeMeanwhileGoTogetherInTheNext() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        RedisTaskStore store = new RedisTaskStore(redis.client(), Duration.ofMinutes(1), at -> {
            if (at == Faults.Point.SEND) { // a request on its way: held here until the test lets it go
                requests.incrementAndGet();
                try {
                    answer.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        int window = ScriptPipeline.WINDOW;
        ExecutorService pool = Executors.newFixedThreadPool(window + 2);
        try {
            List<Future<CompletionStage<Acquisition>>> calls = new ArrayList<>();
            for (int t = 0; t < window; t++) {
                RunKeys run = keys.forRun("task_" + t, null, DAY, false);
                calls.add(pool.submit(() -> store.acquire(run, ME, MINUTE)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() == window);
            for (int t = window; t < window + 2; t++) {
                RunKeys run = keys.forRun("task_" + t, null, DAY, false);
                calls.add(pool.submit(() -> store.acquire(run, ME, MINUTE)));
            }
            List<CompletionStage<Acquisition>> waiting = List.of(calls.get(window).get(10, TimeUnit.SECONDS),
                    calls.get(window + 1).get(10, TimeUnit.SECONDS));
            assertThat(waiting).as("made while every slot was taken: waiting, not sent")
                    .allMatch(stage -> !stage.toCompletableFuture().isDone());
            assertThat(requests).hasValue(window);

            answer.countDown();
            for (Future<CompletionStage<Acquisition>> call : calls) {
                assertThat(TaskStore.await(call.get(10, TimeUnit.SECONDS)).outcome()).isEqualTo(Outcome.ACQUIRED);
            }
            assertThat(requests).as("the two waiting calls went as one request").hasValue(window + 1);
        } finally {
            answer.countDown();
            pool.shutdownNow();
        }
        assertThat(redis.keyspace()).hasSize(window + 2);
    }

    @Test
    void whatASenderAbandonedIsSentAgainAndTheStageSaysWhenItHasItsAnswerSoTheReleaseCannotOvertakeIt()
            throws Exception {
        AtomicInteger sends = new AtomicInteger();
        AtomicBoolean clearFailed = new AtomicBoolean();
        RedisTaskStore store = new RedisTaskStore(redis.client(), Duration.ofMinutes(1), at -> {
            if (at == Faults.Point.SEND && sends.incrementAndGet() == 1) {
                throw new StackOverflowError(); // the sender's stack is spent...
            }
            if (at == Faults.Point.CLEAR && clearFailed.compareAndSet(false, true)) {
                throw new StackOverflowError(); // ...even for the finally that clears its mark
            }
        });
        Thread sender = new Thread(() -> {
            try {
                store.acquire(daily, ME, MINUTE);
            } catch (StackOverflowError expected) {
                // the call left its mark and its acquire behind
            }
        });
        sender.start();
        sender.join(10_000);

        redis.pause(Duration.ofMillis(1_500)); // the answer to what is sent again comes after the pause
        CompletionStage<Void> resent = store.abandonedBy(sender);

        assertThat(sends).as("the acquire, sent again").hasValue(2);
        assertThat(resent.toCompletableFuture()).as("the acquire sent again has no answer yet").isNotDone();
        resent.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(value(lock)).as("the acquire ran before the stage completed").isEqualTo(ME);
        assertThat(store.abandonedBy(sender).toCompletableFuture()).as("nothing left to send").isDone();
    }

    @Test
    void concurrentCallsWhileRedisIsDownAllFailAsUnavailable() throws Exception {
        redis.stop();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RunKeys run = keys.forRun(TASK + t, null, DAY, true);
                calls.add(pool.submit(() -> acquire(run, ME, MINUTE)));
            }
            for (Future<Outcome> call : calls) {
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StoreUnavailableException.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestRedisDoesNotAnswerIsGivenUpSoTheCallsAfterItGoThrough() throws Exception {
        Config config = new Config();
        config.useSingleServer().setAddress(redis.uri()).setTimeout(30_000).setRetryAttempts(0);
        RedissonClient patient = Redisson.create(config);
        LockRenewer guardThread = new LockRenewer(); // a guard runs the store's watchdog on its own thread
        try {
            RedisTaskStore store = new RedisTaskStore(patient, Duration.ofMillis(300));
            guardThread.every(store.watchEvery().toMillis(), store::giveUpStuck);
            redis.pause(Duration.ofSeconds(2));

            assertThatThrownBy(() -> TaskStore.await(store.acquire(recurring, ME, MINUTE)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("Redis did not answer ACQUIRE on " + lock + ": ")
                    .hasMessageContaining("no reply from Redis within 300 ms");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> TaskStore.await(store.acquire(recurring, ME, MINUTE)).outcome() == Outcome.ACQUIRED);
            assertThat(value(lock)).isEqualTo(ME);
            assertThat(value(taskLock)).isEqualTo(ME);
        } finally {
            guardThread.close();
            patient.shutdown();
        }
    }

    @Test
    void aRefusedCommandIsReportedAsRefusedNamingTheKey() {
        redis.client().getList(lock, org.redisson.client.codec.StringCodec.INSTANCE).add("not a lock");

        assertThatThrownBy(() -> finish(daily, ME, MINUTE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Redis refused FINISH on " + lock + ": ")
                .hasMessageContaining("WRONGTYPE")
                .satisfies(e -> assertThat(((StoreUnavailableException) e).reason()).isEqualTo("backend_refused"));
        assertThat(value(success)).as("the script read every key before it wrote one").isNull();
    }

    @Test
    void worksAgainAfterARedisRestartWithAnEmptyScriptCache() {
        acquire(daily, ME, MINUTE);
        redis.stop();
        redis.start();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> acquire(daily, OTHER, MINUTE) == Outcome.ACQUIRED);
        assertThat(value(lock)).isEqualTo(OTHER);
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailable() {
        redis.stop();

        assertThatThrownBy(() -> acquire(daily, ME, MINUTE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Redis did not answer ACQUIRE on " + lock + ": ")
                .satisfies(e -> assertThat(((StoreUnavailableException) e).reason()).isEqualTo("backend_unavailable"));
    }
}
