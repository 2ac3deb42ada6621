package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Task;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RKeys;
import org.redisson.api.RedissonClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lock released between the operator's {@code SCAN} and its batch of reads (its run ended meanwhile) is left
 * out of the listing, not shown empty nor failing it: the client here deletes it just after the scan.
 */
class RedisOperatorTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final String DAY = TestClocks.TODAY;

    @Test
    void aLockReleasedBetweenTheScanAndTheReadsIsLeftOutOfTheLocks() {
        redis.set("lock:report:" + DAY, "ab12cd34", Duration.ofSeconds(60));
        redis.set("lock:audit:" + DAY, "cd34ef56", Duration.ofSeconds(60));

        List<Lock> locks = operatorReleasingAfterScan("lock:report:" + DAY).locks();

        assertThat(locks).singleElement().satisfies(lock -> {
            assertThat(lock).isEqualTo(new Lock("audit", null, DAY, "cd34ef56", null, null, null, lock.timeLeft(), null, 0));
            assertThat(lock.timeLeft()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
        });
    }

    @Test
    void aLockReleasedBetweenTheScanAndTheReadsIsNotAmongItsTasksRunningLocks() {
        redis.set("lock:report:" + DAY, "ab12cd34", Duration.ofSeconds(60));

        List<Task> tasks = operatorReleasingAfterScan("lock:report:" + DAY).tasks();

        assertThat(tasks).containsExactly(new Task("report", null, 0, 0, Map.of(), List.of(), List.of()));
    }

    /** An operator whose client deletes {@code released} once a scan has found the keys. */
    private static RedisOperator operatorReleasingAfterScan(String released) {
        RedissonClient real = redis.client();
        RKeys realKeys = real.getKeys();
        RKeys keys = proxy(RKeys.class, (method, args) -> {
            Object found = invoke(method, realKeys, args);
            if (method.getName().equals("getKeys")) {
                List<String> all = new ArrayList<>();
                ((Iterable<?>) found).forEach(key -> all.add((String) key));
                real.getBucket(released).delete();
                return all;
            }
            return found;
        });
        RedissonClient client = proxy(RedissonClient.class,
                (method, args) -> method.getName().equals("getKeys") ? keys : invoke(method, real, args));
        return new RedisOperator(client, new TaskKeys("", KeyScheme.PLAIN), TestClocks.fixed(),
                Duration.ofDays(1).toMillis(), new RedisOperator.History(1000, Duration.ofDays(30).toMillis()));
    }

    private interface Call {
        Object call(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call.call(method, args)));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
