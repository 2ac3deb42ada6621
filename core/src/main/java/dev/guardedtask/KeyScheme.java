package dev.guardedtask;

/**
 * How a guard names its keys in Redis ({@code docs/protocol.md} lists every key). Both schemes hold the
 * same values and run the same scripts; only the names differ. Examples below are for task
 * {@code report}, date {@code 20261128} and key prefix {@code billing:} (the prefix is empty by default).
 *
 * <p>Chosen with {@link TaskGuard.Builder#keyScheme(KeyScheme)}; without it, a guard whose
 * {@code RedissonClient} is configured for a Redis Cluster ({@code Config.useClusterServers()}, or a
 * {@code clusterServersConfig} in {@link TaskGuard.Builder#redissonConfig(java.nio.file.Path) its YAML}) uses
 * {@link #CLUSTER}, every other guard (a single server, Sentinel, {@code redis(uri)}, the in-memory store)
 * {@link #PLAIN}.
 */
public enum KeyScheme {

    /**
     * The Python boilerplate's keys: {@code billing:lock:report:20261128} and
     * {@code billing:success:report:20261128}; a recurring task's task-level lock
     * {@code billing:lock:report}. The keys of one run hash to different Redis Cluster slots, so a cluster
     * refuses the scripts ({@code CROSSSLOT}): use it on a single server or with Sentinel.
     */
    PLAIN,

    /**
     * Every key of a task carries the task name as its hash tag, so that Redis Cluster keeps them in one
     * slot: {@code billing:lock:{report}:20261128}, {@code billing:success:{report}:20261128}, and a
     * recurring task's task-level lock {@code billing:lock:{report}}. Works on a single server too (the
     * braces are then only part of the name), e.g. behind a proxy in front of a cluster. Python workers on a
     * cluster must write the same tagged names.
     */
    CLUSTER
}
