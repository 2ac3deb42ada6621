package dev.guardedtask.testsupport.junit;

import org.redisson.api.RedissonClient;

import java.time.Duration;

/** What a test reads and writes of a Redis the extension started, whatever its topology. */
public interface RedisKeys {

    /** This test class's client. */
    RedissonClient client();

    String get(String key);

    /** Remaining time to live in ms as {@code PTTL} gives it: -2 absent, -1 no expiry. */
    long pttl(String key);

    void set(String key, String value, Duration ttl);
}
