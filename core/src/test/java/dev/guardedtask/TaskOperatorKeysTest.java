package dev.guardedtask;

import dev.guardedtask.TaskOperator.Action;
import dev.guardedtask.TaskOperator.Lock;
import dev.guardedtask.TaskOperator.Released;
import dev.guardedtask.TaskOperator.Run;
import dev.guardedtask.TaskOperator.Task;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The operator API on keyed runs ({@code @TaskKey}) on a real Redis: their keys written as the layout says
 * ({@code lock:T#K:D}, {@code success:T#K:D}, {@code lock:T#K}, {@code run:T#K:D}, history entries with {@code key}
 * after {@code date}), then listed with their key, filtered by key, and written to one key at a time.
 */
class TaskOperatorKeysTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;
    static final String YESTERDAY = "20261127";
    static final Instant NOW = TestClocks.NOW;

    private final MutableClock clock = TestClocks.mutable();
    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1")
            .lockTimeout(Duration.ofSeconds(60)).build();
    private final TaskOperator operator = guard.operator().as("alice@ops");

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    /** A keyed run in progress as a guard writes it: its lock, and its run info naming the holder. */
    private static void keyedRun(String task, String key, String date, String taskId, Duration sinceRenewal) {
        redis.set("lock:" + task + "#" + key + ":" + date, taskId, Duration.ofSeconds(60).minus(sinceRenewal));
        redis.client().<String, String>getMap("run:" + task + "#" + key + ":" + date, StringCodec.INSTANCE)
                .putAll(Map.of("task_id", taskId, "worker", "worker-9", "started",
                        Long.toString(NOW.minusSeconds(90).toEpochMilli()), "lock_ms", "60000", "fencing_token", "4"));
    }

    @Test
    void locksListsKeyedLocksWithTheirKeyAfterTheUnkeyedOneOfTheSameDate() {
        keyedRun("sync", "tenant-2", DAY, "bbbb2222", Duration.ofSeconds(10));
        redis.set("lock:sync#tenant-1:" + DAY, "aaaa1111", Duration.ofSeconds(60));
        redis.set("lock:sync:" + DAY, "cccc3333", Duration.ofSeconds(60));
        redis.set("lock:sync#tenant-1:" + YESTERDAY, "dddd4444", Duration.ofSeconds(60));

        List<Lock> locks = operator.locks();

        assertThat(locks).extracting(Lock::task, Lock::key, Lock::date, Lock::taskId, Lock::worker)
                .containsExactly(tuple("sync", "tenant-1", YESTERDAY, "dddd4444", null),
                        tuple("sync", null, DAY, "cccc3333", null),
                        tuple("sync", "tenant-1", DAY, "aaaa1111", null),
                        tuple("sync", "tenant-2", DAY, "bbbb2222", "worker-9"));
        Lock keyed = locks.get(3);
        assertThat(keyed).isEqualTo(new Lock("sync", "tenant-2", DAY, "bbbb2222", "worker-9", NOW.minusSeconds(90),
                keyed.sinceRenewal(), keyed.timeLeft(), Duration.ofSeconds(60), 4));
        Lock one = operator.lock("sync", "tenant-2", DAY);
        assertThat(one).isEqualTo(new Lock("sync", "tenant-2", DAY, "bbbb2222", "worker-9", NOW.minusSeconds(90),
                one.sinceRenewal(), one.timeLeft(), Duration.ofSeconds(60), 4));
        assertThat(one.sinceRenewal()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(operator.lock("sync", DAY).taskId()).isEqualTo("cccc3333");
        assertThat(operator.lock("sync", "tenant-3", DAY)).isNull();
    }

    @Test
    void aKeyedTaskIsOneTaskRunningEveryKeysLockWithEachCompletedDateOnce() {
        redis.set("lock:report#a:" + DAY, "aaaa1111", Duration.ofSeconds(60));
        redis.set("lock:report#b:" + DAY, "bbbb2222", Duration.ofSeconds(60));
        redis.set("lock:report#b", "bbbb2222", Duration.ofSeconds(60)); // a recurring run's task-level lock
        redis.set("success:report#a:" + YESTERDAY, "completed", Duration.ofDays(1));
        redis.set("success:report#b:" + YESTERDAY, "completed", Duration.ofDays(1));
        redis.set("success:report:" + DAY, "completed", Duration.ofDays(1));
        xadd("history:report", "kind", "run", "date", DAY, "key", "a", "task_id", "eeee5555", "status", "success",
                "started", "1764460800000", "ended", "1764460805000", "fencing_token", "3", "worker", "worker-1",
                "lock", "released");

        List<Task> tasks = operator.tasks();

        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.name()).isEqualTo("report");
            assertThat(task.running()).extracting(Lock::key, Lock::taskId)
                    .containsExactly(tuple("a", "aaaa1111"), tuple("b", "bbbb2222"));
            assertThat(task.completedDates()).containsExactly(DAY, YESTERDAY);
            assertThat(task.lastRun()).extracting(Run::key, Run::taskId).containsExactly("a", "eeee5555");
        });
    }

    @Test
    void runsCarryTheirKeyAndAKeyFilterKeepsOnlyThatKeysEntries() {
        xadd("history:report", "kind", "run", "date", DAY, "task_id", "00000001", "status", "success");
        xadd("history:report", "kind", "run", "date", DAY, "key", "a", "task_id", "00000002", "status", "failed");
        xadd("history:report", "kind", "run", "date", DAY, "key", "b", "task_id", "00000003", "status", "success");
        xadd("history:report", "kind", "forget", "date", DAY, "key", "a", "by", "bob", "at", "1764460800000");

        assertThat(operator.runs("report", null, null, 20)).extracting(Run::key, Run::taskId)
                .containsExactly(tuple("a", null), tuple("b", "00000003"), tuple("a", "00000002"),
                        tuple(null, "00000001"));
        assertThat(operator.runs("report", "a", null, null, 20)).extracting(Run::action, Run::taskId)
                .containsExactly(tuple(Action.FORGET, null), tuple(Action.RUN, "00000002"));
        assertThat(operator.runs("report", "a", DAY, TaskStatus.FAILED, 20)).extracting(Run::taskId)
                .containsExactly("00000002");
        assertThat(operator.runs("report", "c", null, null, 20)).isEmpty();
        assertThat(operator.runs("report", null, DAY, TaskStatus.SUCCESS, 1)).extracting(Run::taskId)
                .containsExactly("00000003");
    }

    @Test
    void releaseOfAKeyDeletesThatKeysLocksAndRunInfoOnlyAndRecordsTheKeyAfterTheDate() {
        keyedRun("sync", "tenant-1", DAY, "aaaa1111", Duration.ofSeconds(40));
        redis.set("lock:sync#tenant-1", "aaaa1111", Duration.ofSeconds(20));
        keyedRun("sync", "tenant-2", DAY, "bbbb2222", Duration.ofSeconds(40));
        redis.set("lock:sync:" + DAY, "cccc3333", Duration.ofSeconds(60));

        assertThat(operator.release("sync", "tenant-1", DAY, false)).isEqualTo(Released.RELEASED);

        assertThat(redis.keyspace()).containsExactly("lock:sync#tenant-2:" + DAY + "=bbbb2222",
                "lock:sync:" + DAY + "=cccc3333");
        assertThat(redis.pttl("run:sync#tenant-1:" + DAY)).isEqualTo(-2);
        assertThat(redis.pttl("run:sync#tenant-2:" + DAY)).isEqualTo(-1);
        assertThat(fieldsOfTheOnlyEntry("history:sync")).containsExactly("kind", "release", "date", DAY,
                "key", "tenant-1", "by", "alice@ops", "at", Long.toString(NOW.toEpochMilli()), "task_id", "aaaa1111",
                "worker", "worker-9", "forced", "false");
        assertThat(operator.runs("sync", null, null, 20)).singleElement().isEqualTo(new Run(
                operator.runs("sync", null, null, 1).get(0).id(), Action.RELEASE, "sync", "tenant-1", DAY, "aaaa1111",
                null, null, List.of(), List.of(), Map.of(), null, NOW, 0, "worker-9", "alice@ops", false, false));
        assertThat(operator.release("sync", "tenant-1", DAY, true)).isEqualTo(Released.NOT_HELD);
    }

    @Test
    void releaseOfAKeyedLockRenewedRecentlyIsLiveUnlessForced() {
        keyedRun("sync", "tenant-1", DAY, "aaaa1111", Duration.ofSeconds(5));

        assertThat(operator.release("sync", "tenant-1", DAY, false)).isEqualTo(Released.LIVE);
        assertThat(operator.release("sync", DAY, true)).isEqualTo(Released.NOT_HELD);
        assertThat(redis.keyspace()).containsExactly("lock:sync#tenant-1:" + DAY + "=aaaa1111");

        assertThat(operator.release("sync", "tenant-1", DAY, true)).isEqualTo(Released.RELEASED);
        assertThat(redis.keyspace()).isEmpty();
        assertThat(operator.runs("sync", "tenant-1", null, null, 1)).singleElement()
                .extracting(Run::key, Run::forced).containsExactly("tenant-1", true);
    }

    @Test
    void completeAndForgetOfAKeyWriteThatKeysSuccessKeyAndRecordTheKeyAfterTheDate() {
        redis.set("success:report:" + DAY, "completed", Duration.ofDays(1));

        operator.complete("report", "tenant-1", DAY);
        operator.complete("report", "tenant-2", YESTERDAY, Duration.ofHours(3));

        assertThat(redis.keyspace()).containsExactly("success:report#tenant-1:" + DAY + "=completed",
                "success:report#tenant-2:" + YESTERDAY + "=completed", "success:report:" + DAY + "=completed");
        assertThat(redis.pttl("success:report#tenant-2:" + YESTERDAY)).isBetween(
                Duration.ofHours(3).minusMinutes(1).toMillis(), Duration.ofHours(3).toMillis());
        assertThat(operator.forget("report", "tenant-1", DAY)).isTrue();
        assertThat(operator.forget("report", "tenant-1", DAY)).isFalse();
        assertThat(redis.keyspace()).containsExactly("success:report#tenant-2:" + YESTERDAY + "=completed",
                "success:report:" + DAY + "=completed");
        assertThat(operator.runs("report", null, null, 20)).extracting(Run::action, Run::key, Run::date, Run::by)
                .containsExactly(tuple(Action.FORGET, "tenant-1", DAY, "alice@ops"),
                        tuple(Action.COMPLETE, "tenant-2", YESTERDAY, "alice@ops"),
                        tuple(Action.COMPLETE, "tenant-1", DAY, "alice@ops"));
        assertThat(fieldsOfEntry("history:report", 0)).containsExactly("kind", "complete", "date", DAY,
                "key", "tenant-1", "by", "alice@ops", "at", Long.toString(NOW.toEpochMilli()));
        assertThat(fieldsOfEntry("history:report", 2)).containsExactly("kind", "forget", "date", DAY,
                "key", "tenant-1", "by", "alice@ops", "at", Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void anUnkeyedWriteRecordsNoKeyField() {
        operator.complete("report", DAY);

        assertThat(fieldsOfTheOnlyEntry("history:report")).containsExactly("kind", "complete", "date", DAY,
                "by", "alice@ops", "at", Long.toString(NOW.toEpochMilli()));
        assertThat(operator.runs("report", null, null, 1)).singleElement().extracting(Run::key).isNull();
    }

    @Test
    void aBadKeyIsRefusedBeforeRedisNamingTheKeyAndTheForm() {
        Map<String, Long> before = redis.commandCalls();
        String form = "use 1 to 200 characters from [A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id or a hash) before passing them.";

        assertThatThrownBy(() -> operator.release("sync", "a#b", DAY, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'sync': key 'a#b' is invalid: " + form);
        assertThatThrownBy(() -> operator.forget("sync", "a:b", DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'sync': key 'a:b' is invalid: " + form);
        assertThatThrownBy(() -> operator.complete("sync", "", DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'sync': key '' is invalid: " + form);
        assertThatThrownBy(() -> operator.complete("sync", "{k}", DAY, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Task 'sync': key '{k}' is invalid: " + form);
        assertThatThrownBy(() -> operator.lock("sync", "k k", DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'sync': key 'k k' is invalid: " + form);
        assertThatThrownBy(() -> operator.runs("sync", "k".repeat(201), null, null, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'sync': key '" + "k".repeat(201) + "' is invalid: " + form);
        assertThatThrownBy(() -> operator.release("bad name", "k", DAY, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Task name 'bad name' is invalid");

        assertThat(redis.commandsSince(before)).isEmpty();
    }

    private static List<String> fieldsOfTheOnlyEntry(String stream) {
        assertThat(redis.client().getStream(stream, StringCodec.INSTANCE).size()).isEqualTo(1);
        return fieldsOfEntry(stream, 0);
    }

    /** The field names and values of the history's entry at {@code index} (oldest first), in the stream's order. */
    private static List<String> fieldsOfEntry(String stream, int index) {
        return redis.client().getScript(StringCodec.INSTANCE).eval(stream, RScript.Mode.READ_ONLY,
                "return redis.call('XRANGE', KEYS[1], '-', '+')[tonumber(ARGV[1]) + 1][2]", RScript.ReturnType.LIST,
                List.of(stream), Integer.toString(index));
    }

    /** {@code XADD key * fields...}, the fields in this order. */
    private static void xadd(String key, String... fields) {
        redis.client().getScript(StringCodec.INSTANCE).eval(key, RScript.Mode.READ_WRITE,
                "return redis.call('XADD', KEYS[1], '*', unpack(ARGV))", RScript.ReturnType.VALUE,
                List.of(key), (Object[]) fields);
    }
}
