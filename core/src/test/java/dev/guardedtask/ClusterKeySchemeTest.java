package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * On a real Redis Cluster (one node owning every slot, enough for the cluster's rules): the plain keys
 * of a daily run are in different slots and the cluster refuses them, which the run reports as
 * {@code backend_refused} with the fix; a guard on a cluster client chooses the cluster keys by itself,
 * and an explicit scheme wins over the choice.
 */
class ClusterKeySchemeTest {

    static final TaskOptions DAILY = TaskOptions.daily("report");
    static final TaskOptions RECURRING = TaskOptions.recurring("task_odds");
    static final String DAY = TestClocks.TODAY;
    static final String CROSSSLOT = "Task 'report' for " + DAY + " did not run: Redis refused ACQUIRE on lock:report:"
            + DAY + ": CROSSSLOT Keys in request don't hash to the same slot. The body was not run; this is a "
            + "configuration error, not an outage: every call fails the same way until you fix it: the keys of one "
            + "call are in different Redis Cluster slots: use the cluster key scheme, "
            + "TaskGuard.builder().keyScheme(KeyScheme.CLUSTER), which a guard on a cluster RedissonClient "
            + "(Config.useClusterServers()) gets unless told otherwise.";

    static OneNodeCluster cluster;
    static RedissonClient clusterClient;

    private final AtomicInteger bodies = new AtomicInteger();

    @BeforeAll
    static void startCluster() {
        cluster = OneNodeCluster.start();
        clusterClient = cluster.clusterClient();
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (clusterClient != null) {
                clusterClient.shutdown();
            }
        } finally {
            cluster.close();
        }
    }

    @BeforeEach
    void empty() {
        cluster.flushAll();
    }

    @Test
    void aGuardOnAClusterClientChoosesTheClusterKeysAndRunsDailyAndRecurringTasks() {
        AtomicReference<List<String>> keysInside = new AtomicReference<>();
        TaskResult daily;
        TaskResult recurring;
        KeyScheme chosen;
        try (TaskGuard guard = TaskGuard.builder().redisson(clusterClient).clock(TestClocks.fixed()).build()) {
            chosen = guard.keyScheme();
            daily = guard.run(DAILY, null, r -> bodies.incrementAndGet());
            recurring = guard.run(RECURRING, null, r -> keysInside.set(List.copyOf(cluster.keyspace())));
        }

        assertThat(chosen).isEqualTo(KeyScheme.CLUSTER);
        assertThat(daily.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(recurring.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(1);
        assertThat(keysInside.get()).containsExactly("lock:{task_odds}:" + DAY + "=" + recurring.taskId(),
                "lock:{task_odds}=" + recurring.taskId(), "success:{report}:" + DAY + "=completed");
        assertThat(cluster.keyspace()).containsExactly("success:{report}:" + DAY + "=completed");
    }

    @Test
    void underThePlainKeysTheClusterRefusesADailyRunAndTheErrorNamesTheKeyAndTheFix() {
        TaskError error;
        try (TaskGuard guard = TaskGuard.builder().redisson(clusterClient).keyScheme(KeyScheme.PLAIN)
                .clock(TestClocks.fixed()).build()) {
            error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, null, r -> bodies.incrementAndGet()));
        }

        assertThat(error).hasMessage(CROSSSLOT);
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_REFUSED);
        assertThat(error.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(bodies).hasValue(0);
        assertThat(cluster.keyspace()).isEmpty();
    }

    /**
     * A cluster where no node serves the key's slot answers CLUSTERDOWN, as one does during a failover: Redisson
     * retries, then the run fails as an outage, not as a configuration error.
     */
    @Test
    void aClusterThatIsDownIsAnOutageTheNextCallTriesAgain() {
        TaskError error;
        TaskResult afterwards;
        try (TaskGuard guard = TaskGuard.builder().redisson(clusterClient).clock(TestClocks.fixed()).build()) {
            cluster.deleteSlotOf("{report}");
            try {
                error = catchThrowableOfType(TaskError.class, () -> guard.run(DAILY, null, r -> bodies.incrementAndGet()));
            } finally {
                cluster.addSlotOf("{report}");
            }
            afterwards = guard.run(DAILY, null, r -> bodies.incrementAndGet());
        }

        assertThat(error).hasMessage("Task 'report' for " + DAY + " did not run: Redis refused ACQUIRE on lock:{report}:"
                + DAY + ": CLUSTERDOWN Hash slot not served. The body was not run; Redis cannot serve for now (a failover "
                + "or a slot moving in a cluster, a replica cut off from its master, or data still loading), the next "
                + "call tries again.");
        assertThat(error.result().reason()).isEqualTo(TaskResult.BACKEND_UNAVAILABLE);
        assertThat(afterwards.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(1);
    }

    @Test
    void aClientThatTakesTheClusterForASingleServerGetsThePlainKeysUnlessTheClusterSchemeIsSet() {
        RedissonClient behindAProxy = cluster.singleServerClient();
        TaskError refused;
        TaskResult tagged;
        try (TaskGuard plain = TaskGuard.builder().redisson(behindAProxy).clock(TestClocks.fixed()).build();
             TaskGuard explicit = TaskGuard.builder().redisson(behindAProxy).keyScheme(KeyScheme.CLUSTER)
                     .clock(TestClocks.fixed()).build()) {
            refused = catchThrowableOfType(TaskError.class, () -> plain.run(DAILY, null, r -> bodies.incrementAndGet()));
            tagged = explicit.run(DAILY, null, r -> bodies.incrementAndGet());
        } finally {
            behindAProxy.shutdown();
        }

        assertThat(refused).hasMessage(CROSSSLOT);
        assertThat(tagged.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(bodies).hasValue(1);
        assertThat(cluster.keyspace()).containsExactly("success:{report}:" + DAY + "=completed");
    }
}
