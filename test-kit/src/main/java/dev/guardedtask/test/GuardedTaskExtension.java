package dev.guardedtask.test;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The JUnit 5 extension of the test kit: before each test it builds a fresh {@link TaskGuard} with a fresh
 * {@link SettableClock}, and after it releases what the kit holds and closes the guard. Use it through
 * {@link GuardedTaskTest @GuardedTaskTest}, or as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GuardedTaskExtension tasks = GuardedTaskExtension.inMemory()
 *         .startingAt(Instant.parse("2026-03-01T06:00:00Z"))
 *         .configure(builder -> builder.lockTimeout(Duration.ofMinutes(10)));
 * }</pre>
 *
 * <p><b>The guard.</b> In memory: a new in-memory store per test. On Redis ({@link #embeddedRedis()},
 * {@link #redis(String)}): one server (the embedded one, started on first use) and one Redisson client for the
 * whole test run, closed at its end; each test's guard has a key prefix of its own
 * ({@code guardedtask-test:<run>:<n>:}), so tests never see each other's keys, and the test's keys are deleted
 * after it. The guard's store, clock and zone are the kit's; {@link #configure} sets the rest (lock timeout,
 * success TTL, listeners, ...), applied before the kit sets those. The kit adds a listener of its own, which
 * records the runs ({@link TaskTester#runs}).
 *
 * <p><b>Which thread sees it.</b> The guard is lent ({@link GuardedTasks#runWith}) to the thread that runs each
 * {@code @BeforeEach}, test, {@code @AfterEach}, test template, test factory and dynamic test method, so woven
 * {@code @GuardedTask} methods called there use it, also when JUnit runs tests in parallel; asynchronous
 * guarded methods carry it to their executor. When JUnit does not run tests in parallel (the configuration
 * parameter {@code junit.jupiter.execution.parallel.enabled} is not {@code true}), the guard is also installed
 * ({@link GuardedTasks#install}) for the test, so threads the test starts see it too; whatever was installed
 * before is installed again afterwards (or nothing). With parallel execution it is only lent: run work handed to
 * other threads inside {@code GuardedTasks.runWith(tester.guard(), ...)}.
 *
 * <p><b>Parameters.</b> A test, {@code @BeforeEach} or {@code @AfterEach} method may declare a {@link TaskTester},
 * a {@link SettableClock} or a {@link TaskGuard} parameter: this test's. Constructor parameters and
 * {@code @BeforeAll} / {@code @AfterAll} parameters are refused, with a message saying what to do instead.
 *
 * <p><b>After each test</b> it releases the locks {@link TaskTester#holdLock} holds, waits (2 s at most) for the
 * runs of the test's guard still going, puts back what was installed, closes the guard and deletes the test's keys,
 * whatever happened. Then it fails the test if runs were still going (a thread the test started still inside a
 * guarded body, an asynchronous call whose body started and whose stage has not completed: join the thread or the
 * future before the test returns; a call still taking its lock is not seen), or
 * if a {@link TaskTester#markCompleted} / {@link TaskTester#holdLock} visibly missed the calls' keys. A thread the
 * test started that calls a guarded method after the test returned, while the guard is installed (parallel
 * execution off), lands in the next test's guard: the kit cannot prevent that.
 *
 * <p>Use either {@link GuardedTaskTest @GuardedTaskTest} or a field, not both: with both (also through a superclass
 * or an enclosing class), each test fails saying so. Needs JUnit Jupiter 5.8 or later (the kit does not bring it).
 *
 * <p>Every wait of the kit is bounded. Immutable and thread-safe: the fluent methods return a new extension.
 */
public final class GuardedTaskExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver,
        InvocationInterceptor {

    /** The configuration parameter that turns JUnit's parallel execution on. */
    static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

    private static final Namespace NAMESPACE = Namespace.create(GuardedTaskExtension.class);

    /** {@code null}: read {@link GuardedTaskTest} from the test class. */
    private final KitSettings settings;
    private final Set<TaskTester> active = ConcurrentHashMap.newKeySet();

    /**
     * The extension {@link GuardedTaskTest} registers: its settings come from the annotation on the test class (or
     * an enclosing class), else the defaults (in memory, {@code 2026-01-05T09:00:00Z}, UTC).
     */
    public GuardedTaskExtension() {
        this(null);
    }

    private GuardedTaskExtension(KitSettings settings) {
        this.settings = settings;
    }

    /**
     * A fresh in-memory guard per test, the clock at {@code 2026-01-05T09:00:00Z} in UTC unless told otherwise.
     *
     * @return an extension that gives each test an in-memory guard
     */
    public static GuardedTaskExtension inMemory() {
        return new GuardedTaskExtension(KitSettings.of(GuardedTaskTest.Store.MEMORY, null));
    }

    /**
     * A guard per test on the embedded {@code redis-server} of {@code com.github.codemonstur:embedded-redis} (add it
     * to your test dependencies), started once for the test run; see {@link GuardedTaskTest.Store#EMBEDDED_REDIS}.
     *
     * @return an extension that gives each test a guard on the embedded {@code redis-server}
     */
    public static GuardedTaskExtension embeddedRedis() {
        return new GuardedTaskExtension(KitSettings.of(GuardedTaskTest.Store.EMBEDDED_REDIS, null));
    }

    /**
     * A guard per test on the Redis you run at {@code uri} (e.g. a Testcontainers container's), one client for the
     * test run; each test under a key prefix of its own, its keys deleted after it. Connects at the first test.
     *
     * @param uri {@code redis://host:port}, optionally {@code redis://[user:password@]host:port[/database]}, or
     *     {@code rediss://} for TLS
     * @return an extension that gives each test a guard on that Redis
     * @throws IllegalArgumentException if {@code uri} is not of that form (the message shows it without a password)
     */
    public static GuardedTaskExtension redis(String uri) {
        SharedRedis.parse(uri);
        return new GuardedTaskExtension(KitSettings.of(GuardedTaskTest.Store.EMBEDDED_REDIS, uri));
    }

    /**
     * This extension with each test's clock starting at {@code instant}.
     *
     * @param instant where each test's clock starts
     * @return this extension
     * @throws NullPointerException if {@code instant} is null
     */
    public GuardedTaskExtension startingAt(Instant instant) {
        return new GuardedTaskExtension(base().withStart(instant));
    }

    /**
     * This extension with each test's clock, and so "today", in {@code zone}.
     *
     * @param zone the clock's zone
     * @return this extension
     * @throws NullPointerException if {@code zone} is null
     */
    public GuardedTaskExtension zone(ZoneId zone) {
        return new GuardedTaskExtension(base().withZone(zone));
    }

    /**
     * This extension with {@code configure} applied to each test's {@link TaskGuard.Builder} (after any given
     * before), before the kit sets the store, clock, zone and its listener: lock timeout, success TTL, key scheme,
     * history, listeners, async executor. Choose no store in it ({@code redis}, {@code inMemory}...): each test
     * would fail saying that {@code configure} chose a store; pick it with {@link #inMemory()},
     * {@link #embeddedRedis()} or {@link #redis(String)}.
     *
     * @param configure called with each test's builder
     * @return this extension
     * @throws NullPointerException if {@code configure} is null
     */
    public GuardedTaskExtension configure(Consumer<TaskGuard.Builder> configure) {
        return new GuardedTaskExtension(base().withConfigure(configure));
    }

    private KitSettings base() {
        return settings != null ? settings : KitSettings.of(GuardedTaskTest.Store.MEMORY, null);
    }

    /**
     * The tester of the test running on this thread (in a test, {@code @BeforeEach} or {@code @AfterEach} method);
     * on another thread, the tester of the one test of this extension running now, if there is exactly one.
     *
     * @return the tester of the current test
     * @throws IllegalStateException outside a test, or on another thread while several tests run in parallel
     */
    public TaskTester tester() {
        TaskTester current = Lending.current();
        if (current != null && active.contains(current)) {
            return current;
        }
        List<TaskTester> running = List.copyOf(active);
        if (running.size() == 1) {
            return running.get(0);
        }
        throw new IllegalStateException("GuardedTaskExtension: " + (running.isEmpty() ? "no test of this extension "
                + "is running; call tester(), guard(), clock() or runs() inside a test or @BeforeEach/@AfterEach method"
                : running.size() + " tests run in parallel and thread '" + Thread.currentThread().getName()
                + "' runs none of them; take a TaskTester parameter in the test and hand it to the thread"));
    }

    /**
     * {@code tester().guard()}: the guard of the test running on this thread.
     *
     * @return the current test's guard
     */
    public TaskGuard guard() {
        return tester().guard();
    }

    /**
     * {@code tester().clock()}: the clock of the test running on this thread.
     *
     * @return the current test's clock
     */
    public SettableClock clock() {
        return tester().clock();
    }

    /**
     * {@code tester().runs(task)}: the calls of {@code task} in the test running on this thread.
     *
     * @param task the task's name
     * @return the calls of {@code task}, in the order they ended
     */
    public List<TaskResult> runs(String task) {
        return tester().runs(task);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings == null) {
            refuseBothWays(context.getRequiredTestClass());
        }
        KitSettings kit = settings(context);
        TestGuard test = TestGuard.build(kit, context, !parallel(context));
        context.getStore(NAMESPACE).put(TestGuard.class, test);
        active.add(test.tester());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestGuard test = context.getStore(NAMESPACE).remove(TestGuard.class, TestGuard.class);
        if (test != null) {
            active.remove(test.tester());
            test.close();
        }
    }

    /**
     * Fails if {@code testClass}, a superclass or an enclosing class of it has a {@code GuardedTaskExtension} field
     * as well as {@link GuardedTaskTest @GuardedTaskTest}: two kits would build two guards for each test.
     */
    private static void refuseBothWays(Class<?> testClass) {
        for (Class<?> outer = testClass; outer != null; outer = outer.getEnclosingClass()) {
            for (Class<?> type = outer; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (GuardedTaskExtension.class.isAssignableFrom(field.getType())) {
                        throw new ExtensionConfigurationException("GuardedTaskExtension: " + testClass.getName()
                                + " has @GuardedTaskTest and the GuardedTaskExtension field " + type.getName() + "."
                                + field.getName() + "; use one of the two, not both: remove @GuardedTaskTest (from "
                                + "the class and its enclosing and super classes) and keep the field, to set the "
                                + "store, clock and configure in code, or remove the field and use the annotation's "
                                + "store, instant and zone.");
                    }
                }
            }
        }
    }

    private static boolean parallel(ExtensionContext context) {
        return context.getConfigurationParameter(PARALLEL).map(value -> value.trim().equalsIgnoreCase("true"))
                .orElse(false);
    }

    private KitSettings settings(ExtensionContext context) {
        if (settings != null) {
            return settings;
        }
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            GuardedTaskTest annotation = type.getAnnotation(GuardedTaskTest.class);
            if (annotation != null) {
                return KitSettings.of(annotation, type);
            }
        }
        return KitSettings.of(GuardedTaskTest.Store.MEMORY, null);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TaskTester.class || type == SettableClock.class || type == TaskGuard.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.getDeclaringExecutable() instanceof Constructor<?> constructor) {
            throw new ParameterResolutionException("GuardedTaskExtension: the constructor of "
                    + constructor.getDeclaringClass().getName() + " asks for a " + type.getSimpleName() + ", but the kit "
                    + "builds a new guard for each test, after the test instance exists; declare the "
                    + type.getSimpleName() + " as a parameter of the test method or of a @BeforeEach method instead.");
        }
        TestGuard test = context.getStore(NAMESPACE).get(TestGuard.class, TestGuard.class);
        if (test == null) {
            throw new ParameterResolutionException("GuardedTaskExtension: " + parameter.getDeclaringExecutable()
                    .getName() + " asks for a " + type.getSimpleName() + " outside a test: the kit builds a guard "
                    + "for each test only; declare it in a test, @BeforeEach or @AfterEach method, not @BeforeAll "
                    + "or @AfterAll.");
        }
        TaskTester tester = test.tester();
        return type == TaskTester.class ? tester : type == SettableClock.class ? tester.clock() : tester.guard();
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        lent(invocation, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        lent(invocation, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        return lent(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        lent(invocation, context);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
                                     ExtensionContext context) throws Throwable {
        lent(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        lent(invocation, context);
    }

    /** {@code invocation}, with this test's guard lent to the thread (nothing lent outside a test). */
    private static <T> T lent(Invocation<T> invocation, ExtensionContext context) throws Throwable {
        TestGuard test = context.getStore(NAMESPACE).get(TestGuard.class, TestGuard.class);
        return test == null ? invocation.proceed() : Lending.lent(test.tester(), invocation::proceed);
    }
}
