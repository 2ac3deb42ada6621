package dev.guardedtask.testsupport.junit;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** Plain-string reads and writes through a client, as any Redis client sees the keys; shared by the topology extensions. */
final class StringKeys {

    private final RedissonClient client;

    StringKeys(RedissonClient client) {
        this.client = client;
    }

    String get(String key) {
        return client.<String>getBucket(key, StringCodec.INSTANCE).get();
    }

    long pttl(String key) {
        return client.getBucket(key, StringCodec.INSTANCE).remainTimeToLive();
    }

    void set(String key, String value, Duration ttl) {
        client.<String>getBucket(key, StringCodec.INSTANCE).set(value, ttl);
    }

    void delete(String key) {
        client.getBucket(key, StringCodec.INSTANCE).delete();
    }

    Set<String> keyspace() {
        Set<String> snapshot = new TreeSet<>();
        client.getKeys().getKeys().forEach(key -> {
            if (!RedisKeys.isBookkeeping(key)) {
                snapshot.add(key + "=" + get(key));
            }
        });
        return snapshot;
    }
}
