package dev.guardedtask.examples.weaving;

import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.examples.weaving.KeyedJobs.Region;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

import static dev.guardedtask.examples.weaving.TestGuards.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Woven methods with a {@code @TaskKey} parameter of each type it takes, on a real Redis: one lock per key. */
class KeyedJobsTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final InstalledGuard guard = new InstalledGuard(redis);

    private final KeyedJobs jobs = new KeyedJobs();

    @Test
    void aStringKeyRunsOncePerKeyAndDateAndTheResultNamesIt() {
        TaskResult first = jobs.export("c1", null);
        TaskResult again = jobs.export("c1", null);
        TaskResult other = jobs.export("c2", null);

        assertThat(jobs.runs).hasValue(2);
        assertThat(first.key()).isEqualTo("c1");
        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(again.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(again.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(other.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(redis.keyspace()).containsExactly("success:export#c1:" + TODAY + "=completed",
                "success:export#c2:" + TODAY + "=completed");
    }

    @Test
    void eachKeyTypeGivesItsTextAsTheKey() {
        UUID file = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Map<String, TaskResult> results = Map.of(
                "by_int", jobs.byInt(null, -7),
                "by_long", jobs.byLong(9_000_000_000L, null),
                "by_boxed", jobs.byBoxed(42L, "20260301", null),
                "by_uuid", jobs.byUuid(file, null),
                "by_region", jobs.byRegion(Region.EU_WEST, null),
                "by_big", jobs.byBig(new BigInteger("123456789012345678901234567890"), null));

        assertThat(jobs.runs).hasValue(6);
        assertThat(results).allSatisfy((task, result) -> assertThat(result.status()).isEqualTo(TaskStatus.SUCCESS));
        assertThat(results.get("by_long").key()).isEqualTo("9000000000");
        assertThat(redis.keyspace()).containsExactly(
                "success:by_big#123456789012345678901234567890:" + TODAY + "=completed",
                "success:by_boxed#42:20260301=completed",
                "success:by_int#-7:" + TODAY + "=completed",
                "success:by_region#EU_WEST:" + TODAY + "=completed",
                "success:by_uuid#123e4567-e89b-12d3-a456-426614174000:" + TODAY + "=completed");
    }

    @Test
    void aNullOrInvalidKeyArgumentFailsTheCallBeforeRedisAndTheBodyDoesNotRun() {
        Map<String, Long> before = redis.commandCalls();

        assertThatIllegalArgumentException().isThrownBy(() -> jobs.export(null, null))
                .withMessage("Task 'export': key null is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], e.g. "
                        + "'customer_42'; map other values to such a text (e.g. an id or a hash) before passing them.");
        assertThatIllegalArgumentException().isThrownBy(() -> jobs.byBoxed(null, null, null))
                .withMessageStartingWith("Task 'by_boxed': key null is invalid");
        assertThatIllegalArgumentException().isThrownBy(() -> jobs.export("a:b", null))
                .withMessageStartingWith("Task 'export': key 'a:b' is invalid");

        assertThat(jobs.runs).hasValue(0);
        assertThat(redis.commandsSince(before)).isEmpty();
    }
}
