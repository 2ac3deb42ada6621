package dev.guardedtask.test;

import dev.guardedtask.test.fixtures.FieldFixtures;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The extension as a field: on a Redis the user runs, with fluent settings; and what it refuses. */
class KitFieldTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void onTheUsersRedisEachTestHasItsOwnKeysAndTheyAreDeletedAfterIt() {
        FieldFixtures.redisUri = redis.uri();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FieldFixtures.UserRedis.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));

        assertThat(redis.keyspace()).isEmpty();
    }

    @Test
    void configureSetsTheGuardsLockTimeout() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FieldFixtures.Configured.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void aBadRedisUriIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> GuardedTaskExtension.redis("http://user:s3cret@localhost:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GuardedTaskExtension.redis(uri): 'http://user:****@localhost:6379' is not a Redis URI; "
                        + "give redis://host:port or redis://[user:password@]host:port[/database] (rediss:// for "
                        + "TLS), e.g. redis://localhost:6379");
        assertThatThrownBy(() -> GuardedTaskExtension.redis(" "))
                .hasMessageStartingWith("GuardedTaskExtension.redis(uri): the URI is blank; give redis://host:port");
    }

    @Test
    void embeddedRedisMissingFromTheClassPathIsNamedWithItsCoordinates() throws Exception {
        try (URLClassLoader withoutIt = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> SharedRedis.requireEmbeddedRedis(withoutIt))
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("Store.EMBEDDED_REDIS needs com.github.codemonstur:embedded-redis on the test class "
                            + "path, and it is not there: add the dependency com.github.codemonstur:embedded-redis:1.4.4 "
                            + "with <scope>test</scope>, or use Store.MEMORY, or GuardedTaskExtension.redis(uri) for a "
                            + "Redis you run.");
        }
        SharedRedis.requireEmbeddedRedis(KitFieldTest.class.getClassLoader()); // here it is: no throw
    }
}
