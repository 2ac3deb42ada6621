package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Keyed runs on a standalone Redis under the plain keys ({@link TaskKeyContract}), and what only one server shows:
 * every key of a keyed run by its exact name in both schemes, bad keys that touch nothing, the result's key.
 */
class TaskKeyTest extends TaskKeyContract {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Override
    RedissonClient client() {
        return redis.client();
    }

    @Override
    RedissonClient connect() {
        return redis.connect();
    }

    @Override
    Set<String> keyspace() {
        return redis.keyspace();
    }

    @Override
    KeyScheme scheme() {
        return KeyScheme.PLAIN;
    }

    /** Every key name in Redis, bookkeeping included (fencing counter, history, counts, run in progress). */
    private static Set<String> names() {
        Set<String> names = new TreeSet<>();
        redis.client().getKeys().getKeys().forEach(names::add);
        return names;
    }

    /** A daily and a recurring keyed run, each with the names seen inside its body; the key of 8 digits, as a date's. */
    private static List<Set<String>> keyedRuns(KeyScheme scheme) {
        List<Set<String>> inside = new ArrayList<>();
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).keyScheme(scheme).clock(TestClocks.fixed())
                .build()) {
            guard.run(TaskOptions.daily("a").withKey("b"), null, r -> inside.add(names()));
            guard.run(TaskOptions.recurring("r").withKey("20261130"), null, r -> inside.add(names()));
        }
        inside.add(names());
        return inside;
    }

    @Test
    void thePlainKeysOfAKeyedRunPutTheKeyAfterTheTaskWithAHash() {
        assertThat(keyedRuns(KeyScheme.PLAIN)).containsExactly(
                Set.of("lock:a#b:20261128", "run:a#b:20261128", "fence:a"),
                Set.of("success:a#b:20261128", "history:a", "stats:a", "fence:a",
                        "lock:r#20261130:20261128", "lock:r#20261130", "run:r#20261130:20261128", "fence:r"),
                Set.of("success:a#b:20261128", "history:a", "stats:a", "fence:a", "history:r", "stats:r", "fence:r"));
    }

    @Test
    void theClusterKeysOfAKeyedRunTagTheTaskOnlySoAllItsKeysShareItsSlot() {
        assertThat(keyedRuns(KeyScheme.CLUSTER)).containsExactly(
                Set.of("lock:{a}#b:20261128", "run:{a}#b:20261128", "fence:{a}"),
                Set.of("success:{a}#b:20261128", "history:{a}", "stats:{a}", "fence:{a}",
                        "lock:{r}#20261130:20261128", "lock:{r}#20261130", "run:{r}#20261130:20261128", "fence:{r}"),
                Set.of("success:{a}#b:20261128", "history:{a}", "stats:{a}", "fence:{a}", "history:{r}", "stats:{r}",
                        "fence:{r}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "", "a#b", "a:b", "{x}", "tâche"})
    void anInvalidKeyFailsNamingTheTaskAndTheKeyAndRedisIsUntouched(String key) {
        TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        Map<String, Long> before = redis.commandCalls();
        try {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> guard.run(TaskOptions.daily("export").withKey(key), null, r -> { }))
                    .withMessage("Task 'export': key '" + key + "' is invalid: use 1 to 200 characters from "
                            + "[A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id or a "
                            + "hash) before passing them.");
        } finally {
            guard.close();
        }
        assertThat(redis.commandsSince(before)).isEmpty();
    }

    @Test
    void aKeyOf201CharactersIsInvalidOneOf200IsFine() {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskOptions.recurring("sync").withKey("k".repeat(201)))
                .withMessageStartingWith("Task 'sync': key '" + "k".repeat(201) + "' is invalid: use 1 to 200");
        assertThat(TaskOptions.recurring("sync").withKey("k".repeat(200)).key()).hasSize(200);
    }

    @Test
    void theResultsMapAndJsonHaveTheKeyAfterTheDateOnlyForAKeyedRun() {
        TaskResult keyed;
        TaskResult unkeyed;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            keyed = guard.run(TaskOptions.daily("export").withKey("c1"), null, r -> r.add("rows", 3));
            unkeyed = guard.run(TaskOptions.daily("export"), null, r -> r.add("rows", 3));
        }

        assertThat(keyed.toMap()).containsExactly(entry("task", "export"), entry("date", DAY), entry("key", "c1"),
                entry("task_id", keyed.taskId()), entry("status", "success"), entry("errors", List.of()),
                entry("warnings", List.of()), entry("reason", null), entry("fencing_token", 1L), entry("rows", 3L));
        assertThat(keyed.toJson()).isEqualTo("{\"task\":\"export\",\"date\":\"" + DAY + "\",\"key\":\"c1\",\"task_id\":\""
                + keyed.taskId() + "\",\"status\":\"success\",\"errors\":[],\"warnings\":[],\"reason\":null,"
                + "\"fencing_token\":1,\"rows\":3}");
        assertThat(unkeyed.toMap()).doesNotContainKey("key").containsExactly(entry("task", "export"),
                entry("date", DAY), entry("task_id", unkeyed.taskId()), entry("status", "success"),
                entry("errors", List.of()), entry("warnings", List.of()), entry("reason", null),
                entry("fencing_token", 2L), entry("rows", 3L));
        assertThat(unkeyed.toJson()).isEqualTo("{\"task\":\"export\",\"date\":\"" + DAY + "\",\"task_id\":\""
                + unkeyed.taskId() + "\",\"status\":\"success\",\"errors\":[],\"warnings\":[],\"reason\":null,"
                + "\"fencing_token\":2,\"rows\":3}");
    }

    @Test
    void aCounterNamedKeyIsRefusedAsAStandardField() {
        try (TaskGuard guard = TaskGuard.builder().inMemory().clock(TestClocks.fixed()).build()) {
            TaskResult result = guard.run(TaskOptions.daily("export"), null, r -> { });

            assertThatIllegalArgumentException().isThrownBy(() -> result.increment("key"))
                    .withMessage("Task 'export': counter name 'key' is a standard result field; choose another name, "
                            + "e.g. 'key_count'.");
        }
    }

    @Test
    void aKeyedRunsErrorAndLogLinesNameItsKey() {
        dev.guardedtask.testsupport.CapturedOutput log = dev.guardedtask.testsupport.CapturedOutput.start();
        TaskError error;
        try (TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            error = org.assertj.core.api.Assertions.catchThrowableOfType(TaskError.class, () -> guard.run(
                    TaskOptions.daily("export").withKey("customer_42"), null, r -> {
                        throw new IllegalStateException("disk full");
                    }));
        } finally {
            log.close();
        }

        assertThat(error).hasMessage("Task 'export' key 'customer_42' for " + TestClocks.TODAY + " failed (task id "
                + error.result().taskId() + "): java.lang.IllegalStateException: disk full");
        assertThat(log.text()).contains("Task 'export' key 'customer_42' for " + TestClocks.TODAY + " (run "
                + error.result().taskId() + "): failed, java.lang.IllegalStateException: disk full");
    }
}
