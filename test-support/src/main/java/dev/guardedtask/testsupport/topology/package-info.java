/**
 * Real Redis topologies on loopback, started from the embedded-redis binary ({@code EmbeddedRedis.binary()},
 * one extracted copy per JVM): {@link dev.guardedtask.testsupport.topology.EmbeddedCluster} (a Redis
 * Cluster, 3 masters + 3 replicas) and {@link dev.guardedtask.testsupport.topology.EmbeddedSentinel}
 * (a master, a replica and 3 sentinels), and {@link dev.guardedtask.testsupport.topology.EmbeddedServer} (one server
 * without a replica, to kill and restart). Each process is a {@link dev.guardedtask.testsupport.topology.RedisProcess}
 * the test can {@code kill -9} and send raw commands to (Jedis, which embedded-redis brings). Each topology
 * keeps its files in a private folder under {@code java.io.tmpdir}, deleted by {@code close()} or, if the
 * JVM ends first, by a shutdown hook that also kills its processes.
 *
 * <p>Redisson is an optional dependency of this module, as for the {@code junit} package: the client
 * factories ({@code config()}, {@code connect()}) need the test module's own. Tests usually reach a
 * topology through {@code junit.RedisClusterExtension} or {@code junit.RedisSentinelExtension}, which
 * start it once per test suite; a test that kills a primary starts a topology of its own
 * ({@code start()}) and closes it.
 */
package dev.guardedtask.testsupport.topology;
