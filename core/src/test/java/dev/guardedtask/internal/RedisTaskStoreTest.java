package dev.guardedtask.internal;

import dev.guardedtask.internal.TaskStore.Acquisition;
import dev.guardedtask.testsupport.junit.RedisExtension;
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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RedisTaskStoreTest extends TaskStoreContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final TaskStore store = new RedisTaskStore(redis.client());

    @Override
    TaskStore store() {
        return store;
    }

    @Override
    String value(String key) {
        return redis.get(key);
    }

    @Override
    long pttl(String key) {
        return redis.pttl(key);
    }

    @Override
    void put(String key, String value, Duration ttl) {
        redis.set(key, value, ttl);
    }

    @Override
    void letExpire(String key, Duration ttl) {
        await().atMost(ttl.plusSeconds(5)).until(() -> redis.pttl(key) == -2);
    }

    @Test
    void scriptsAreLoadedAgainAfterScriptFlushAtTheCostOfOneLoad() {
        acquire(LOCK, SUCCESS, ME, MINUTE);
        redis.client().getScript().scriptFlush();
        Map<String, Long> before = redis.commandCalls();

        assertThat(finish(LOCK, SUCCESS, ME, DAY)).isTrue();

        assertThat(value(SUCCESS)).isEqualTo("completed");
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
                List<Future<Acquisition>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String lock = "lock:task_" + t + ":2026112" + round;
                    calls.add(pool.submit(() -> {
                        start.await();
                        return acquire(lock, null, ME, MINUTE);
                    }));
                }
                for (Future<Acquisition> call : calls) {
                    assertThat(call.get()).isEqualTo(Acquisition.ACQUIRED);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(redis.keyspace()).hasSize(threads * 10).allMatch(key -> key.endsWith("=" + ME));
    }

    @Test
    void concurrentCallsWhileRedisIsDownAllFailAsUnavailable() throws Exception {
        redis.stop();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Acquisition>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String lock = LOCK + t;
                calls.add(pool.submit(() -> acquire(lock, null, ME, MINUTE)));
            }
            for (Future<Acquisition> call : calls) {
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

            assertThatThrownBy(() -> TaskStore.await(store.acquire(LOCK, null, ME, MINUTE)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("Redis did not answer ACQUIRE on " + LOCK)
                    .hasMessageContaining("no reply from Redis within 300 ms");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> TaskStore.await(store.acquire(LOCK, null, ME, MINUTE)) == Acquisition.ACQUIRED);
            assertThat(value(LOCK)).isEqualTo(ME);
        } finally {
            guardThread.close();
            patient.shutdown();
        }
    }

    @Test
    void aRefusedCommandIsReportedAsRefusedNamingTheKey() {
        redis.client().getList(LOCK, org.redisson.client.codec.StringCodec.INSTANCE).add("not a lock");

        assertThatThrownBy(() -> finish(LOCK, null, ME, MINUTE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Redis refused FINISH on " + LOCK + ": ")
                .hasMessageContaining("WRONGTYPE");
    }

    @Test
    void worksAgainAfterARedisRestartWithAnEmptyScriptCache() {
        acquire(LOCK, SUCCESS, ME, MINUTE);
        redis.stop();
        redis.start();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> acquire(LOCK, SUCCESS, OTHER, MINUTE) == Acquisition.ACQUIRED);
        assertThat(value(LOCK)).isEqualTo(OTHER);
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailable() {
        redis.stop();

        assertThatThrownBy(() -> acquire(LOCK, SUCCESS, ME, MINUTE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Redis did not answer ACQUIRE on " + LOCK + ": ");
    }
}
