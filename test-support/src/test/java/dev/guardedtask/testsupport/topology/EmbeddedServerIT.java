package dev.guardedtask.testsupport.topology;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedServerIT {

    @Test
    void aKilledServerRestartsOnItsPortEmptyAndRedissonWritesAgain() {
        try (EmbeddedServer server = EmbeddedServer.start()) {
            RedissonClient client = server.connect();
            try {
                client.getBucket("before", StringCodec.INSTANCE).set("written before the kill");
                int port = server.server().port();

                RedisProcess killed = server.kill();
                boolean aliveAfterKill = killed.isAlive();
                server.restart();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                    client.getBucket("after", StringCodec.INSTANCE).set("written after the restart");
                    return true;
                });

                assertThat(aliveAfterKill).isFalse();
                assertThat(killed.log()).as("a kill -9, not a shutdown").doesNotContain("Received SIGTERM");
                assertThat(server.server().port()).isEqualTo(port);
                assertThat(server.server().call("GET", "before")).as("no persistence").isNull();
                assertThat(server.server().call("GET", "after")).isEqualTo("written after the restart");
            } finally {
                client.shutdown();
            }
        }
    }
}
