package dev.guardedtask.examples.ltw;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.testsupport.Javac;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Signatures the build refuses, compiled here by javac with {@code -proc:none} (no processor, so no build check)
 * and woven at load time by this JVM's agent: each call fails, before the body runs and before Redis is touched,
 * with the build's message word for word. (The weaver also prints the aspect's {@code declare error}s as load-time
 * errors; the class loads all the same.)
 */
class BadSignaturesTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final String CLASS = "dev.guardedtask.examples.ltw.fixtures.Bad";

    private static final String KEY_TYPES = "String, UUID, an enum, or an integral number (byte, short, int, long, "
            + "their boxes, BigInteger)";

    private static final String SOURCE = """
            package dev.guardedtask.examples.ltw.fixtures;
            import dev.guardedtask.*;
            import java.time.LocalDate;
            public class Bad {
                public static int bodies;
                @GuardedTask(name = "counted") long count(TaskResult result) { bodies++; return 1; }
                @GuardedTask(name = "doubled") void doubled(TaskResult first, String label, TaskResult second) { bodies++; }
                @GuardedTask(name = "dated") void dated(@TaskDate String from, TaskResult result, @TaskDate LocalDate to) { bodies++; }
                @GuardedTask(name = "dated_wrong") void datedWrong(@TaskDate java.util.Date date) { bodies++; }
                @GuardedTask(name = "two_keys") void twoKeys(@TaskKey String customer, TaskResult result, @TaskKey long order) { bodies++; }
                @GuardedTask(name = "real") void real(@TaskKey double amount) { bodies++; }
                @GuardedTask(name = "both") void both(@TaskKey @TaskDate String day) { bodies++; }
                @GuardedTask(name = "later") java.util.concurrent.Future<String> later() { bodies++; return null; }
                @GuardedTask(name = "ttl", recurring = true, successTtl = "P1D") void ttl() { bodies++; }
                @GuardedTask(name = "nightly export") void spaced() { bodies++; }
                @GuardedTask(name = "t", lockTimeout = "5m") void timeout() { bodies++; }
                @GuardedTask(name = "shared") void sharedDaily() { bodies++; }
                @GuardedTask(name = "shared", recurring = true) void sharedRecurring() { bodies++; }
                @GuardedTask(name = "tenant") void keyedRun(@TaskKey String tenant) { bodies++; }
                @GuardedTask(name = "tenant") void unkeyedRun() { bodies++; }
            }
            """;

    @TempDir
    static Path dir;

    private static URLClassLoader loader;
    private static Class<?> bad;

    /** One class loader for the class: the weaver prints its load-time errors once. */
    @BeforeAll
    static void compileAndLoad() throws Exception {
        assertThat(Javac.compileWithoutProcessors(dir, "Bad", SOURCE).errors()).isEmpty();
        loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                BadSignaturesTest.class.getClassLoader());
        bad = Class.forName(CLASS, true, loader);
    }

    @AfterAll
    static void closeLoader() throws Exception {
        loader.close();
    }

    @BeforeEach
    void install() {
        GuardedTasks.install(TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build());
    }

    @AfterEach
    void uninstall() {
        GuardedTasks.uninstall();
    }

    @Test
    void theFixtureIsWovenAtLoadTime() {
        assertThat(bad.getDeclaredMethods()).extracting(Method::getName).anyMatch(n -> n.startsWith("count_aroundBody"));
    }

    @Test
    void primitiveReturn() {
        assertRefused("count", "@GuardedTask method long " + CLASS + ".count(dev.guardedtask.TaskResult) returns a "
                + "primitive, which has no value for a skipped run: return void, TaskResult or a reference type such "
                + "as Long or Optional<Long>.");
    }

    @Test
    void twoResults() {
        assertRefused("doubled", "@GuardedTask method void " + CLASS + ".doubled(dev.guardedtask.TaskResult, "
                + "java.lang.String, dev.guardedtask.TaskResult) declares more than one TaskResult parameter: declare "
                + "at most one; the live result of the run is injected into it.");
    }

    @Test
    void twoDates() {
        assertRefused("dated", "@GuardedTask method void " + CLASS + ".dated(java.lang.String, dev.guardedtask.TaskResult, "
                + "java.time.LocalDate) declares more than one @TaskDate parameter: annotate at most one, of type "
                + "String (YYYYMMDD) or java.time.LocalDate.");
    }

    @Test
    void dateType() {
        assertRefused("datedWrong", "@GuardedTask method void " + CLASS + ".datedWrong(java.util.Date) has a @TaskDate "
                + "parameter that is neither String nor LocalDate: declare it as String (YYYYMMDD) or java.time.LocalDate.");
    }

    @Test
    void twoKeys() {
        assertRefused("twoKeys", "@GuardedTask method void " + CLASS + ".twoKeys(java.lang.String, "
                + "dev.guardedtask.TaskResult, long) declares more than one @TaskKey parameter: annotate at most one, "
                + "of type " + KEY_TYPES + "; for a key made of several values, pass them joined in one String.");
    }

    @Test
    void keyType() {
        assertRefused("real", "@GuardedTask method void " + CLASS + ".real(double) has a @TaskKey parameter of a type it "
                + "does not take: declare it as " + KEY_TYPES + ". Not float, double or BigDecimal: their text is no "
                + "stable identity (1.0 and 1); pass such a value as a String of your choosing.");
    }

    @Test
    void keyAndDate() {
        assertRefused("both", "@GuardedTask method void " + CLASS + ".both(java.lang.String) has a parameter annotated "
                + "both @TaskKey and @TaskDate: the date and the key of a run are two parameters; remove one of the "
                + "annotations.");
    }

    @Test
    void futureReturn() {
        assertRefused("later", "@GuardedTask method java.util.concurrent.Future " + CLASS + ".later() returns a future, "
                + "a reactive type or a stream other than CompletionStage or CompletableFuture (a Future, a subclass of "
                + "CompletableFuture, a Publisher, an RxJava type, java.util.stream.Stream): its work goes on after the "
                + "method returns, and the guard cannot hold the lock until it ends (a Future tells no one when it is "
                + "done, a subclass cannot be returned in its place, a Publisher's work runs per subscriber), so "
                + "another worker could run the task at the same time. Return CompletionStage<T> or "
                + "CompletableFuture<T> (the lock is held until it completes), or the result itself.");
    }

    @Test
    void recurringWithSuccessTtl() {
        assertRefused("ttl", "@GuardedTask method void " + CLASS + ".ttl(): a recurring task has no success key, so "
                + "successTtl has no effect on it: remove successTtl, or make the task daily (recurring = false).");
    }

    @Test
    void invalidNameAndDuration() {
        assertRefused("spaced", "@GuardedTask method void " + CLASS + ".spaced(): Task name 'nightly export' is invalid: "
                + "use 1 to 200 characters from [A-Za-z0-9_.-], e.g. 'task_daily_report'.");
        assertRefused("timeout", "@GuardedTask method void " + CLASS + ".timeout(): Task 't': lockTimeout '5m' is not "
                + "an ISO-8601 duration: write e.g. PT5M (5 minutes), or \"\" for the guard's default.");
    }

    @Test
    void oneNameDailyAndRecurring() throws Exception {
        call("sharedDaily");

        assertRefused("sharedRecurring", "@GuardedTask method void " + CLASS + ".sharedRecurring(): task 'shared' is "
                + "recurring here but daily in void " + CLASS + ".sharedDaily(): one task name is one task, of one kind. "
                + "Use two names, or make both the same kind.");
    }

    @Test
    void oneNameKeyedAndUnkeyed() throws Exception {
        call("keyedRun", "acme");

        assertRefused("unkeyedRun", "@GuardedTask method void " + CLASS + ".unkeyedRun(): task 'tenant' is unkeyed here "
                + "but keyed in void " + CLASS + ".keyedRun(java.lang.String): a run with a @TaskKey and one without "
                + "take different locks and never exclude each other. Use two names, or give both a @TaskKey (or "
                + "neither).");
    }

    /** Every call of {@code method} fails with {@code message}: its body does not run, Redis is not touched. */
    private void assertRefused(String method, String message) {
        int bodies = bodies();
        Set<String> keys = redis.keyspace();
        for (int call = 0; call < 2; call++) {
            Throwable thrown = catchThrowable(() -> call(method, arguments(method)));

            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(message);
        }
        assertThat(bodies()).isEqualTo(bodies);
        assertThat(redis.keyspace()).isEqualTo(keys);
    }

    private Object[] arguments(String method) {
        Method m = find(method);
        return Arrays.stream(m.getParameterTypes()).map(t -> t == long.class ? (Object) 7L
                : t == double.class ? (Object) 1.5 : t == String.class ? "20261128" : null).toArray();
    }

    private Object call(String method, Object... args) throws Exception {
        Method m = find(method);
        m.setAccessible(true);
        try {
            return m.invoke(bad.getDeclaredConstructor().newInstance(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Method find(String method) {
        return Arrays.stream(bad.getDeclaredMethods()).filter(m -> m.getName().equals(method)).findFirst().orElseThrow();
    }

    private int bodies() {
        try {
            return bad.getField("bodies").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
