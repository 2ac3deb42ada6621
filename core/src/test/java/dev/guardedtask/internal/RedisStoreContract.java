package dev.guardedtask.internal;

import dev.guardedtask.testsupport.junit.RedisKeys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The contract on a real Redis of any topology: the store and the key access come from {@link #redis()}. */
abstract class RedisStoreContract extends TaskStoreContract {

    private final TaskStore store = new RedisTaskStore(redis().client());

    /** The subclass's registered extension (a static field, so set before this instance exists). */
    abstract RedisKeys redis();

    @Test
    void theFencingCounterNeverExpires() {
        acquire(daily, ME, MINUTE);

        assertThat(pttl(keys.fence(TASK))).as("no time to live: a counter that restarted would hand out old tokens")
                .isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a number", "-5", "-1", "3.5", "+2", ""})
    void aFencingCounterThatHoldsNoCountIsRefusedNamingItBeforeAnyLockIsTaken(String counter) {
        put(keys.fence(TASK), counter, Duration.ofMinutes(1));

        assertThatThrownBy(() -> acquire(daily, ME, MINUTE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("Redis refused ACQUIRE on " + lock + ": ERR the fencing counter " + keys.fence(TASK)
                        + " holds no count of tokens (a negative number, text, or a key of another type): delete it, "
                        + "or set it to the highest token your stores hold")
                .satisfies(e -> assertThat(((StoreUnavailableException) e).reason()).isEqualTo("backend_refused"));
        assertThat(value(lock)).isNull();
        assertThat(value(keys.fence(TASK))).as("left as it was").isEqualTo(counter);
    }

    @Test
    void aFencingCounterAtZeroGivesTokenOne() {
        put(keys.fence(TASK), "0", Duration.ofMinutes(1));

        assertThat(acquisition(daily, ME, MINUTE)).isEqualTo(TaskStore.Acquisition.acquired(1));
    }

    @Override
    TaskStore store() {
        return store;
    }

    @Override
    String value(String key) {
        return redis().get(key);
    }

    @Override
    long pttl(String key) {
        return redis().pttl(key);
    }

    @Override
    void put(String key, String value, Duration ttl) {
        redis().set(key, value, ttl);
    }

    @Override
    void letExpire(String key, Duration ttl) {
        await().atMost(ttl.plusSeconds(5)).until(() -> redis().pttl(key) == -2);
    }
}
