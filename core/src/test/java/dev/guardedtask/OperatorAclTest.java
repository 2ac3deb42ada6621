package dev.guardedtask;

import dev.guardedtask.TaskOperator.Released;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AccessControlLogEntry;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The operators' {@code ACL SETUSER} line of docs/operations.md, read from that file, gives a user that makes
 * every call of {@link TaskOperator}, also after the server lost its scripts; {@code ACL LOG} then holds only
 * Redisson's cluster probe, as for the guard's user.
 */
class OperatorAclTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String DAY = TestClocks.TODAY;

    @Test
    void theDocumentedOperatorReadsAndWritesAlsoAfterTheScriptCacheIsFlushed() throws IOException {
        int port = URI.create(redis.uri()).getPort();
        try (Jedis admin = new Jedis("127.0.0.1", port);
             TaskGuard worker = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build()) {
            String password = createUser(admin, documentedLine());
            admin.aclLogReset();
            worker.run(TaskOptions.daily("report"), DAY, result -> { });
            redis.set("lock:legacy:" + DAY, "ab12cd34", Duration.ofMinutes(1));

            try (TaskGuard guard = TaskGuard.builder().clock(TestClocks.fixed())
                    .redis("redis://guardedtask-operator:" + password + "@127.0.0.1:" + port + "/0").build()) {
                TaskOperator operator = guard.operator().as("alice");
                assertThat(operator.tasks()).hasSize(2);
                assertThat(operator.locks()).hasSize(1);
                assertThat(operator.runs("report", null, null, 20)).hasSize(1);
                assertThat(operator.lock("legacy", DAY).taskId()).isEqualTo("ab12cd34");
                assertThat(operator.release("legacy", DAY, false)).isEqualTo(Released.LIVE);
                assertThat(admin.scriptFlush()).isEqualTo("OK");
                assertThat(operator.release("legacy", DAY, true)).isEqualTo(Released.RELEASED);
                assertThat(operator.forget("report", DAY)).isTrue();
                operator.complete("report", DAY);
            }

            assertThat(redis.keyspace()).containsExactly("success:report:" + DAY + "=completed");
            assertThat(admin.aclLog())
                    .extracting(AccessControlLogEntry::getReason, AccessControlLogEntry::getObject,
                            AccessControlLogEntry::getUsername, AccessControlLogEntry::getCount)
                    .containsExactly(tuple("command", "eval", "guardedtask-operator", 1L));
        }
    }

    @Test
    void aUserWithoutTheOperatorsCommandsIsToldWhereTheOperatorsAclLineIs() {
        int port = URI.create(redis.uri()).getPort();
        try (Jedis admin = new Jedis("127.0.0.1", port)) {
            createUser(admin, "ACL SETUSER worker-only on >pw ~* +ping +select +evalsha");
            try (TaskGuard guard = TaskGuard.builder().clock(TestClocks.fixed())
                    .redis("redis://worker-only:pw@127.0.0.1:" + port + "/0").build()) {
                assertThatThrownBy(() -> guard.operator().tasks()).isInstanceOf(IllegalStateException.class)
                        .hasMessageEndingWith("Grant the operator's ACL user the commands and keys listed in "
                                + "docs/operations.md#operator-api.");
            }
        }
    }

    private static String documentedLine() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "operations.md")).stream()
                .filter(line -> line.startsWith("ACL SETUSER guardedtask-operator ")).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static String createUser(Jedis admin, String line) {
        String[] words = line.split(" ");
        Object reply = admin.sendCommand(Protocol.Command.ACL, List.of(words).subList(1, words.length)
                .toArray(String[]::new));
        assertThat(new String((byte[]) reply, StandardCharsets.UTF_8)).isEqualTo("OK");
        return List.of(words).stream().filter(word -> word.startsWith(">")).findFirst().orElseThrow().substring(1);
    }
}
