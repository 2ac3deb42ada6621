package dev.guardedtask;

import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.AccessControlLogEntry;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The {@code ACL SETUSER} lines of docs/operations.md, read from that file, give a user that runs daily
 * and recurring tasks: on database 0, on another database (Redisson then sends {@code SELECT}), with a
 * key prefix, and after the server lost its scripts ({@code SCRIPT LOAD}). {@code ACL LOG} then holds
 * only the refusal the docs explain: Redisson's cluster probe, one {@code EVAL} per client start.
 */
class AclUserTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String TOMORROW = "20261129";

    private final AtomicInteger dailyRuns = new AtomicInteger();
    private final AtomicInteger recurringRuns = new AtomicInteger();
    private final int port = URI.create(redis.uri()).getPort();
    private Jedis admin; // the default user, as an administrator

    @BeforeEach
    void resetTheAclLog() {
        admin = new Jedis("127.0.0.1", port);
        admin.aclLogReset();
    }

    @AfterEach
    void closeTheAdministrator() {
        admin.close();
    }

    /** The documented line whose key patterns carry {@code prefix}. */
    private static String documentedLine(String prefix) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "operations.md")).stream()
                .filter(line -> line.startsWith("ACL SETUSER guardedtask ") && line.contains(" ~" + prefix + "lock:* ")
                        && !line.contains("+wait")) // that one: WaitForReplicasTest
                .toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** Sends the line as the administrator; the user's password, from its {@code >password} rule. */
    private String createUser(String line) {
        String[] words = line.split(" ");
        Object reply = admin.sendCommand(Protocol.Command.ACL, List.of(words).subList(1, words.length)
                .toArray(String[]::new));
        assertThat(new String((byte[]) reply, StandardCharsets.UTF_8)).isEqualTo("OK");
        return List.of(words).stream().filter(word -> word.startsWith(">")).findFirst().orElseThrow().substring(1);
    }

    @ParameterizedTest(name = "database {0}, key prefix ''{1}''")
    @CsvSource({"0, ''", "3, ''", "3, myapp:"})
    void theDocumentedUserRunsTasksAlsoAfterTheScriptCacheIsFlushed(int database, String prefix) throws IOException {
        String password = createUser(documentedLine(prefix));

        try (TaskGuard guard = TaskGuard.builder().keyPrefix(prefix).clock(TestClocks.fixed())
                .redis("redis://guardedtask:" + password + "@127.0.0.1:" + port + "/" + database).build()) {
            runBoth(guard, TestClocks.TODAY);
            assertThat(admin.scriptFlush()).isEqualTo("OK");
            runBoth(guard, TOMORROW);
        }

        assertThat(dailyRuns).hasValue(2);
        assertThat(recurringRuns).hasValue(2);
        admin.select(database);
        assertThat(admin.keys("*")).containsExactlyInAnyOrder(
                prefix + "success:acl_daily:" + TestClocks.TODAY, prefix + "success:acl_daily:" + TOMORROW,
                prefix + "fence:acl_daily", prefix + "fence:acl_recurring", prefix + "history:acl_daily",
                prefix + "history:acl_recurring", prefix + "stats:acl_daily", prefix + "stats:acl_recurring");
        assertThat(admin.aclLog())
                .extracting(AccessControlLogEntry::getReason, AccessControlLogEntry::getContext,
                        AccessControlLogEntry::getObject, AccessControlLogEntry::getUsername,
                        AccessControlLogEntry::getCount)
                .containsExactly(tuple("command", "toplevel", "eval", "guardedtask", 1L));
    }

    /** A daily task runs, then is skipped as completed; a recurring task runs. */
    private void runBoth(TaskGuard guard, String date) {
        TaskResult first = guard.run(TaskOptions.daily("acl_daily"), date, r -> dailyRuns.incrementAndGet());
        TaskResult second = guard.run(TaskOptions.daily("acl_daily"), date, r -> dailyRuns.incrementAndGet());
        TaskResult recurring = guard.run(TaskOptions.recurring("acl_recurring"), date,
                r -> recurringRuns.incrementAndGet());

        assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(second.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(second.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
        assertThat(recurring.status()).isEqualTo(TaskStatus.SUCCESS);
    }
}
