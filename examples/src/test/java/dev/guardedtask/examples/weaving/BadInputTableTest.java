package dev.guardedtask.examples.weaving;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.api.RedissonClient;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every input a user can get wrong at a call, through woven methods: its message, and not one command sent to
 * Redis. (What the compiler can see fails the build instead: {@link BuildRejectsTest}.)
 */
class BadInputTableTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final MistakenJobs jobs = new MistakenJobs();

    @RegisterExtension
    final InstalledGuard guard = new InstalledGuard(redis);

    static Stream<Arguments> mistakes() {
        return Stream.of(
                row("date with dashes", () -> jobs.dated("2026-03-01"), IllegalArgumentException.class,
                        "Task 't_date': date '2026-03-01' is not YYYYMMDD (example: 20260301); pass null for today."),
                row("date not on the calendar", () -> jobs.dated("20260230"), IllegalArgumentException.class,
                        "Task 't_date': date '20260230' is not a real calendar date (YYYYMMDD, example: 20260301)."),
                row("empty date", () -> jobs.dated(""), IllegalArgumentException.class,
                        "Task 't_date': date '' is not YYYYMMDD"),
                row("no guard installed", () -> {
                    GuardedTasks.uninstall();
                    jobs.dated(null);
                }, TaskError.class, "No TaskGuard installed for @GuardedTask 't_date': install GuardedTaskModule "
                        + "or call GuardedTasks.install(guard) at startup."),
                arranged("a RedissonClient shut down after the guard was built", () -> {
                    RedissonClient client = redis.connect(); // connecting sends commands: before the count
                    TaskGuard orphaned = TestGuards.on(client);
                    client.shutdown();
                    return () -> {
                        try (orphaned) {
                            GuardedTasks.install(orphaned);
                            jobs.dated(null);
                        }
                    };
                }, TaskError.class, "Task 't_date' for 20261128 did not run: the RedissonClient of this TaskGuard is "
                        + "shut down (the guard was closed while the run went on, which shuts down a client it "
                        + "created, or the client was shut down): close the guard, and then its client, only once its "
                        + "runs have ended."),
                arranged("a guard built on a shut-down RedissonClient", () -> {
                    RedissonClient client = redis.connect();
                    client.shutdown();
                    return () -> TaskGuard.builder().redisson(client).clock(TestClocks.fixed()).build();
                }, IllegalStateException.class,
                        "TaskGuard.builder().redisson(client): the client is shut down; pass a live RedissonClient."));
    }

    private static Arguments row(String mistake, ThrowingCallable call, Class<? extends Throwable> type, String message) {
        return arranged(mistake, () -> call, type, message);
    }

    /** A row whose {@code arrange} step prepares the mistaken call, outside the commands counted. */
    private static Arguments arranged(String mistake, Callable<ThrowingCallable> arrange, Class<? extends Throwable> type,
                                      String message) {
        return arguments(mistake, arrange, type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeGetsItsMessageAndRedisIsUntouched(String mistake, Callable<ThrowingCallable> arrange,
                                                       Class<? extends Throwable> type, String message) throws Exception {
        ThrowingCallable call = arrange.call();
        Map<String, Long> before = redis.commandCalls();

        Throwable thrown = catchThrowable(call);

        assertThat(thrown).as(mistake).isInstanceOf(type).message().contains(message);
        assertThat(redis.commandsSince(before)).as(mistake).isEmpty();
    }
}
