package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every input a user can get wrong fails with a message naming the task, the value and the form, and
 * Redis is untouched: the server executes no command at all while the test runs.
 */
class BadInputTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final TaskGuard guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
    private Map<String, Long> commandsBefore;

    @BeforeEach
    void countCommands() {
        commandsBefore = redis.commandCalls();
    }

    @AfterEach
    void redisIsUntouched() {
        guard.close();
        assertThat(redis.commandsSince(commandsBefore)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "task odds", "lock:task", "tâche", "task/1", "task{1}"})
    void invalidTaskNames(String name) {
        assertThatThrownBy(() -> TaskOptions.daily(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task name '" + name + "' is invalid: use 1 to 200 characters from [A-Za-z0-9_.-], "
                        + "e.g. 'task_daily_report'.");
    }

    @Test
    void tooLongAndNullTaskNames() {
        assertThatThrownBy(() -> TaskOptions.recurring("t".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t".repeat(201));
        assertThatThrownBy(() -> TaskOptions.daily(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Task name null is invalid");
        assertThat(TaskOptions.daily("t".repeat(200)).name()).hasSize(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-03-01", "2026031", "202603011", "2026031a", " 20260301", "+2026030"})
    void datesThatAreNotYyyymmdd(String date) {
        assertThatThrownBy(() -> guard.run(TaskOptions.daily("task_x"), date, r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': date '" + date + "' is not YYYYMMDD (example: 20260301); pass null for today.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20260230", "20261301", "20260000", "20250229"})
    void datesThatAreNotOnTheCalendar(String date) {
        assertThatThrownBy(() -> guard.run(TaskOptions.recurring("task_x"), date, r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': date '" + date + "' is not a real calendar date (YYYYMMDD, example: 20260301).");
    }

    @Test
    void nullTaskOptions() {
        assertThatThrownBy(() -> guard.run(null, "20260301", r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard.run: task options are null; pass e.g. TaskOptions.daily(\"task_daily_report\").");
    }

    @Test
    void aNullBody() {
        assertThatThrownBy(() -> guard.run(TaskOptions.daily("task_x"), "20260301", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Task 'task_x': body is null");
    }

    static Stream<Arguments> badDurations() {
        return Stream.of(arguments(Duration.ZERO, "PT0S"), arguments(Duration.ofSeconds(-5), "PT-5S"),
                arguments(Duration.ofNanos(100), "PT0.0000001S"));
    }

    @ParameterizedTest
    @MethodSource("badDurations")
    void durationsBelowOneMillisecond(Duration duration, String shown) {
        assertThatThrownBy(() -> TaskOptions.daily("task_x").withLockTimeout(duration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': lockTimeout " + shown + " must be at least 1 ms, e.g. PT5M (5 minutes).");
        assertThatThrownBy(() -> TaskGuard.builder().successTtl(duration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: successTtl " + shown + " must be at least 1 ms, e.g. P1D (1 day).");
    }

    static Stream<Arguments> durationsOverTenYears() {
        return Stream.of(arguments(Duration.ofDays(3651), "PT87624H"),
                arguments(Duration.ofMillis(Long.MAX_VALUE), "PT2562047788015H12M55.807S"),
                arguments(Duration.ofSeconds(Long.MAX_VALUE), "PT2562047788015215H30M7S"));
    }

    @ParameterizedTest
    @MethodSource("durationsOverTenYears")
    void durationsOverThreeThousandSixHundredFiftyDays(Duration duration, String shown) {
        assertThatThrownBy(() -> TaskGuard.builder().lockTimeout(duration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: lockTimeout " + shown + " must be at most 3650 days (P3650D), e.g. PT5M (5 minutes).");
        assertThatThrownBy(() -> TaskGuard.builder().successTtl(duration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: successTtl " + shown + " must be at most 3650 days (P3650D), e.g. P1D (1 day).");
        assertThatThrownBy(() -> TaskOptions.daily("task_x").withSuccessTtl(duration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': successTtl " + shown + " must be at most 3650 days (P3650D), e.g. P1D (1 day).");
    }

    @Test
    void annotationDurationsOverThreeThousandSixHundredFiftyDays() {
        assertThatThrownBy(() -> TaskOptions.of(annotation("task_x", "PT9223372036854775807S", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': lockTimeout 'PT9223372036854775807S' must be at most 3650 days (P3650D), "
                        + "e.g. PT5M (5 minutes).");
        assertThatThrownBy(() -> TaskOptions.of(annotation("task_x", "", "P99999999999999999999D")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': successTtl 'P99999999999999999999D' is out of range: write 1 ms to "
                        + "3650 days (P3650D), e.g. P1D (1 day).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10 minutes", "P1M", "PT", "5m"})
    void annotationDurationsThatAreNotIso8601(String iso) {
        assertThatThrownBy(() -> TaskOptions.of(annotation("task_x", iso, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': lockTimeout '" + iso + "' is not an ISO-8601 duration: "
                        + "write e.g. PT5M (5 minutes), or \"\" for the guard's default.");
        assertThatThrownBy(() -> TaskOptions.of(annotation("task_x", "", iso)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Task 'task_x': successTtl '" + iso + "' is not an ISO-8601 duration");
    }

    @Test
    void annotationDefaultsTakeTheGuardsValues() {
        TaskOptions options = TaskOptions.of(annotation("task_x", "", "P2D"));

        assertThat(options.lockTimeout()).isNull();
        assertThat(options.successTtl()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aBuilderWithoutExactlyOneStore() {
        assertThatThrownBy(() -> TaskGuard.builder().clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("choose exactly one store, none was chosen");
        assertThatThrownBy(() -> TaskGuard.builder().inMemory().redisson(redis.client()).clock(TestClocks.fixed()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 were chosen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6379", "localhost:6379", "redis://:secret@/0", "redis://h:1/db1", "re dis://x",
            "redis://:pa/secret@127.0.0.1:1/0", "redis://user:top@secret@127.0.0.1:6379/0", "redis://:secret@h:70000",
            "redis://h/0?password=secret", "redis://h/0#frag", "redis:user:secret@h"})
    void invalidRedisUrisNeverShowThePassword(String uri) {
        assertThatThrownBy(() -> TaskGuard.builder().redis(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is invalid")
                .hasMessageContaining("Expected redis://[user:password@]host[:port][/database]")
                .message().doesNotContain("secret");
    }

    @Test
    void aKeyPrefixWithWhiteSpace() {
        assertThatThrownBy(() -> TaskGuard.builder().keyPrefix("my app:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: key prefix 'my app:' contains white space or control characters; "
                        + "use e.g. 'billing:'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"myapp", "billing2", "app:v1", "café"})
    void aKeyPrefixThatDoesNotEndWithASeparator(String prefix) {
        assertThatThrownBy(() -> TaskGuard.builder().keyPrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: key prefix '" + prefix + "' must end with a separator such as ':', or keys "
                        + "read '" + prefix + "lock:...'; use e.g. '" + prefix + ":'.");
    }

    static GuardedTask annotation(String name, String lockTimeout, String successTtl) {
        return new GuardedTask() {
            public String name() { return name; }
            public boolean recurring() { return false; }
            public String lockTimeout() { return lockTimeout; }
            public String successTtl() { return successTtl; }
            public Class<? extends Annotation> annotationType() { return GuardedTask.class; }
        };
    }
}
