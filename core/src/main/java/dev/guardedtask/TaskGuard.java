package dev.guardedtask;

import dev.guardedtask.internal.Inputs;
import dev.guardedtask.internal.LocalHost;
import dev.guardedtask.internal.LockRenewer;
import dev.guardedtask.internal.MemoryTaskStore;
import dev.guardedtask.internal.RedisOperator;
import dev.guardedtask.internal.RedisTaskStore;
import dev.guardedtask.internal.RedisUri;
import dev.guardedtask.internal.Replicas;
import dev.guardedtask.internal.RedissonYaml;
import dev.guardedtask.internal.TaskKeys;
import dev.guardedtask.internal.TaskStore;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The engine: runs bodies as guarded tasks. Usable directly, and the guard that woven
 * {@link GuardedTask} methods go through once {@linkplain GuardedTasks#install installed}.
 *
 * <pre>{@code
 * TaskGuard guard = TaskGuard.builder().redisson(redissonClient).zone(ZoneId.of("Europe/Paris")).build();
 * TaskResult result = guard.run(TaskOptions.daily("task_daily_report"), null, r -> r.add("sent", send()));
 * }</pre>
 *
 * <p>A normal run costs two Redis round trips. Thread-safe; share one guard per application and
 * {@link #close()} it on shutdown (it waits for the runs in flight, then stops lock renewal, and the Redisson client
 * if it created it).
 */
public final class TaskGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);

    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(300);
    static final Duration DEFAULT_SUCCESS_TTL = Duration.ofSeconds(86_400);
    static final Duration MAX_REPLICA_WAIT = Duration.ofSeconds(60);
    static final int DEFAULT_HISTORY_RUNS = 1_000;
    static final int MAX_HISTORY_RUNS = 1_000_000;
    static final Duration DEFAULT_HISTORY_TTL = Duration.ofDays(30);
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final GuardedRun.Settings settings;
    private final Clock clock;
    private final AutoCloseable ownedClient;
    private final Executor asyncExecutor;
    private final long closeTimeoutMillis;
    /** The runs in flight, from before the acquire until the release has answered; {@link #close()} waits for them. */
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A run in flight: {@code thread} is the caller's for a synchronous run (a close() on that thread does not wait
     * for it), {@code null} for an asynchronous one. Identity equality, as each run registers its own.
     */
    private static final class InFlight {
        final GuardedRun run;
        final Thread thread;

        InFlight(GuardedRun run, Thread thread) {
            this.run = run;
            this.thread = thread;
        }
    }

    private TaskGuard(Builder builder, TaskStore store, KeyScheme keyScheme, AutoCloseable ownedClient) {
        LockRenewer renewer = builder.renewer != null ? builder.renewer : new LockRenewer();
        if (store.watchEvery() != null) {
            renewer.every(store.watchEvery().toMillis(), store::giveUpStuck);
        }
        this.clock = builder.zone == null ? builder.clock : builder.clock.withZone(builder.zone);
        this.settings = new GuardedRun.Settings(store, new TaskKeys(builder.keyPrefix, keyScheme), renewer,
                builder.lockTimeout.toMillis(), builder.successTtl.toMillis(), builder.historyRuns,
                builder.historyTtl.toMillis(), builder.workerName != null ? builder.workerName
                : ProcessHandle.current().pid() + "@" + LocalHost.name(),
                clock, builder.listeners.isEmpty() ? Listeners.NONE : new Listeners(builder.listeners));
        this.ownedClient = ownedClient;
        this.closeTimeoutMillis = builder.closeTimeout.toMillis();
        this.asyncExecutor = builder.asyncExecutor != null ? builder.asyncExecutor
                : new CompletableFuture<Void>().defaultExecutor();
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    /**
     * A builder with the defaults: choose exactly one store ({@link Builder#redisson}, {@link Builder#redis},
     * {@link Builder#redissonConfig(Path)} or {@link Builder#inMemory()}), then {@link Builder#build()}.
     *
     * @return a new builder, not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code body} as task {@code task} for {@code date}: skips if the date is already completed
     * (daily tasks) or another run holds the lock, else runs the body, marks success and releases the lock.
     * With a key ({@link TaskOptions#withKey}, e.g. {@code guard.run(TaskOptions.daily("export").withKey(customer),
     * null, body)}) all of this is per task, key and date: a daily task completes once per key and date, a
     * recurring task's runs never overlap for the same key; the result's {@link TaskResult#key()} names it.
     *
     * @param task the task's name and options
     * @param body what the run does, given the run's live result
     * @param date {@code YYYYMMDD}, or {@code null} for today in the guard's zone; an empty string is bad
     *     input, not today
     * @return the run's result: {@code success}, or {@code skipped} with {@code already_completed} or
     *     {@code lock_held}; it may carry the warning {@code lock_lost}
     * @throws TaskError if the body threw or failed the result, or Redis was unreachable before the body
     * @throws IllegalArgumentException for a date that is not {@code YYYYMMDD} or a null body; Redis is not touched
     * @throws IllegalStateException if the guard is closed
     * @see #runFor(TaskOptions, LocalDate, TaskBody)
     */
    public TaskResult run(TaskOptions task, String date, TaskBody body) {
        check("run", task, body);
        return execute(task, date == null ? today() : Inputs.date(task.name(), date), body);
    }

    /**
     * Runs {@code body} as task {@code task} for {@code date}, exactly as
     * {@link #run(TaskOptions, String, TaskBody)} does for the same date as {@code YYYYMMDD}.
     *
     * @param task the task's name and options
     * @param body what the run does, given the run's live result
     * @param date the day the run is for, or {@code null} for today in the guard's zone; the years 0000 to
     *     9999 (the ones with a {@code YYYYMMDD} form)
     * @return the run's result: {@code success}, or {@code skipped} with {@code already_completed} or
     *     {@code lock_held}; it may carry the warning {@code lock_lost}
     * @throws TaskError if the body threw or failed the result, or Redis was unreachable before the body
     * @throws IllegalArgumentException for a year outside 0000 to 9999 or a null body; Redis is not touched
     * @throws IllegalStateException if the guard is closed
     */
    public TaskResult runFor(TaskOptions task, LocalDate date, TaskBody body) {
        check("runFor", task, body);
        return execute(task, date == null ? today() : Inputs.date(task.name(), date), body);
    }

    /**
     * Runs {@code body} as task {@code task} for {@code date}, as {@link #run(TaskOptions, String, TaskBody)}
     * does, without a thread waiting for Redis: for work that ends later, on another thread. Returns at once; the
     * acquire is sent, and once Redis answers, the body runs on the guard's {@linkplain Builder#asyncExecutor
     * executor} and returns a stage. The lock is held, and renewed, until that stage completes, whichever
     * thread completes it; then the finish is sent, and the returned stage completes once Redis answered it, on
     * the executor.
     *
     * <p>The returned stage completes with the run's result: {@code success}, or {@code skipped} with
     * {@code already_completed} or {@code lock_held} (the body did not run). It completes exceptionally with a
     * {@link TaskError} carrying the failed result if the body's stage completed exceptionally (its exception,
     * unwrapped from a {@code CompletionException}, is the cause), the body threw before returning a stage,
     * returned {@code null}, or failed the result, or if Redis was unreachable before the body. Cancelling or
     * completing the returned stage changes nothing in the run: the lock follows the body's stage, so that no
     * other worker runs the task while its work goes on (cancel the body's own work to end it early).
     *
     * <p>While the body's synchronous part runs, the MDC names the run and a guard {@link GuardedTasks#runWith}
     * lent the caller is lent to the executor's thread; the listeners are told of the end, and the returned
     * stage completed, on the executor with the run's MDC.
     *
     * @param task the task's name and options
     * @param body what the run does: its stage's completion ends the run
     * @param date {@code YYYYMMDD}, or {@code null} for today in the guard's zone
     * @return a stage of the run's result, completed on the executor
     * @throws IllegalArgumentException for a date that is not {@code YYYYMMDD} or a null body; Redis is not touched
     * @throws IllegalStateException if the guard is closed
     * @see AsyncTaskBody
     */
    public CompletableFuture<TaskResult> runAsync(TaskOptions task, String date, AsyncTaskBody body) {
        check("runAsync", task, body);
        return executeAsync(task, date == null ? today() : Inputs.date(task.name(), date), body);
    }

    /**
     * {@link #runAsync(TaskOptions, String, AsyncTaskBody)} for {@code date} as {@code YYYYMMDD}.
     *
     * @param task the task's name and options
     * @param body what the run does: its stage's completion ends the run
     * @param date the day the run is for, or {@code null} for today in the guard's zone; the years 0000 to 9999
     * @return a stage of the run's result, completed on the executor
     * @throws IllegalArgumentException for a year outside 0000 to 9999 or a null body; Redis is not touched
     * @throws IllegalStateException if the guard is closed
     */
    public CompletableFuture<TaskResult> runForAsync(TaskOptions task, LocalDate date, AsyncTaskBody body) {
        check("runForAsync", task, body);
        return executeAsync(task, date == null ? today() : Inputs.date(task.name(), date), body);
    }

    private static void check(String method, TaskOptions task, Object body) {
        if (task == null) {
            throw new IllegalArgumentException("TaskGuard." + method + ": task options are null; pass e.g. "
                    + "TaskOptions.daily(\"task_daily_report\").");
        }
        if (body == null) {
            throw new IllegalArgumentException("Task '" + task.name() + "': body is null; pass the work to run, "
                    + "e.g. result -> report.send().");
        }
    }

    private TaskResult execute(TaskOptions task, String day, TaskBody body) {
        InFlight run = register(task, new GuardedRun(settings, task, day), Thread.currentThread());
        try {
            return run.run.execute(body);
        } finally {
            deregister(run);
        }
    }

    private CompletableFuture<TaskResult> executeAsync(TaskOptions task, String day, AsyncTaskBody body) {
        InFlight run = register(task, new GuardedRun(settings, task, day), null);
        CompletableFuture<TaskResult> outcome;
        try {
            outcome = run.run.executeAsync(body, asyncExecutor);
        } catch (Throwable t) {
            deregister(run);
            throw t;
        }
        // The caller's stage completes once the release has answered: the run is no longer in flight.
        outcome.whenComplete((result, error) -> deregister(run));
        return outcome;
    }

    /**
     * Adds the run to those in flight, then checks the guard is open: a close() that sets its flag after this
     * check finds the run in the set and waits for it.
     */
    private InFlight register(TaskOptions task, GuardedRun run, Thread thread) {
        InFlight entry = new InFlight(run, thread);
        inFlight.add(entry);
        if (closed) {
            deregister(entry);
            throw new IllegalStateException("Task '" + task.name() + "': this TaskGuard is closed; "
                    + "build a new one, or close it only at shutdown.");
        }
        return entry;
    }

    private void deregister(InFlight run) {
        inFlight.remove(run);
        if (closed) { // only a closing guard pays for the wake-up
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    /**
     * Today in the guard's zone, {@code YYYYMMDD}, read from its clock.
     *
     * @return today, {@code YYYYMMDD}
     */
    public String today() {
        return Inputs.yyyymmdd(LocalDate.now(clock));
    }

    /**
     * The operator API on this guard's Redis, key prefix, key scheme and clock: the tasks its keys name, their
     * history, the locks held now, and the operators' writes ({@link TaskOperator}), which use the guard's success
     * TTL and {@linkplain Builder#history history} settings. Cheap (no round trip);
     * each call returns a new operator whose writes are recorded as by {@code user@host} ({@link TaskOperator#as}).
     * It uses the guard's client: close the guard only once it is no longer used.
     *
     * @return a new operator on this guard's Redis
     * @throws IllegalStateException on an {@link Builder#inMemory()} guard, which has no Redis to read
     */
    public TaskOperator operator() {
        if (!(settings.store() instanceof RedisTaskStore redis)) {
            throw new IllegalStateException("TaskGuard.operator(): the operator API reads Redis, and this guard "
                    + "keeps its keys in memory (inMemory()); build the guard with .redis(uri), .redisson(client) or "
                    + ".redissonConfig(file).");
        }
        return new TaskOperator(new RedisOperator(redis.redisson(), settings.keys(), clock, settings.successMillis(),
                new RedisOperator.History(settings.maxRuns(), settings.keepMillis())));
    }

    /**
     * How this guard names its keys: as set on the builder, or chosen from its client ({@link KeyScheme}).
     *
     * @return the key scheme
     */
    public KeyScheme keyScheme() {
        return settings.keys().scheme();
    }

    /**
     * The name this guard's runs record as their worker's ({@link Builder#workerName}).
     *
     * @return the worker name
     */
    public String workerName() {
        return settings.worker();
    }

    /**
     * The zone that decides what "today" is.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return clock.getZone();
    }

    /**
     * Refuses new runs at once, waits up to the {@linkplain Builder#closeTimeout close timeout} (default 30 s)
     * for the runs in flight to end, then stops lock renewal and, if this guard created its Redisson client
     * ({@link Builder#redis}, {@link Builder#redissonConfig(Path)}, {@link Builder#redissonConfig(URL)}), shuts it
     * down. A run is in flight from its acquire until its release has been answered (for {@link #runAsync}, until
     * the caller's stage completes); while close waits, renewal goes on and the client stays open, so those runs
     * end normally: a daily run records its date as done and every run releases its lock. Runs still in flight
     * after the bound are named in one WARN log line; each loses its renewal and its lock stays until it expires.
     *
     * <p>Called from inside a synchronous run's body (on its thread), close does not wait for that run. Called
     * from an asynchronous run's body or from what its stage runs, it waits up to the bound for that run too.
     * Thread-safe; a second call waits again for what is still in flight, then does nothing more.
     *
     * @throws IllegalStateException if the guard's own Redisson client cannot be shut down
     */
    @Override
    public void close() {
        closed = true;
        awaitInFlight();
        settings.renewer().close();
        if (ownedClient != null) {
            try {
                ownedClient.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not shut down the Redisson client of this TaskGuard", e);
            }
        }
    }

    /** Waits up to the close timeout for the runs in flight but this thread's own; logs those still in flight. */
    private void awaitInFlight() {
        Thread self = Thread.currentThread();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(closeTimeoutMillis);
        boolean interrupted = false;
        List<InFlight> left;
        synchronized (inFlight) {
            while (true) {
                left = inFlight.stream().filter(run -> run.thread != self).toList();
                long remaining = deadline - System.nanoTime();
                if (left.isEmpty() || remaining <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, remaining);
                } catch (InterruptedException e) {
                    interrupted = true; // close anyway, within the bound; the flag is set again below
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!left.isEmpty()) {
            log.warn("TaskGuard closed after waiting {} ms (closeTimeout) with {} run(s) still in flight: {}; they "
                    + "lose their lock renewal, and each lock stays until it expires", closeTimeoutMillis,
                    left.size(), left.stream().map(run -> run.run.toString()).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Configures a {@link TaskGuard}. Choose one store: {@link #redisson}, {@link #redis},
     * {@link #redissonConfig(Path)} (or its {@link URL} form) or {@link #inMemory}. Defaults: system clock and zone, lock timeout 300 s, success TTL 86400 s, no
     * key prefix (the Python boilerplate's defaults), the key scheme that fits the client ({@link #keyScheme}). Durations go from 1 ms to 3650 days.
     */
    public static final class Builder {

        private RedissonClient redisson;
        private RedisUri redisUri;
        private RedissonYaml redissonYaml;
        private boolean inMemory;
        private Clock clock = Clock.systemDefaultZone();
        private ZoneId zone;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration successTtl = DEFAULT_SUCCESS_TTL;
        private String keyPrefix = "";
        private KeyScheme keyScheme;
        private TaskStore store;
        private LockRenewer renewer;
        private Replicas replicas = Replicas.NONE;
        private int historyRuns = DEFAULT_HISTORY_RUNS;
        private Duration historyTtl = DEFAULT_HISTORY_TTL;
        private String workerName;
        private final List<TaskListener> listeners = new ArrayList<>();
        private Executor asyncExecutor;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        /**
         * Coordinate through this client (its codec does not matter). The guard does not shut it down.
         *
         * @param client the Redisson client, owned by the caller
         * @return this builder
         */
        public Builder redisson(RedissonClient client) {
            this.redisson = notNull(client, "redisson(client)");
            return this;
        }

        /**
         * Coordinate through a client the guard creates (at {@link #build()}) and shuts down on
         * {@link TaskGuard#close()}: {@code redis://[user:password@]host[:port][/database]}, or
         * {@code rediss://} for TLS. Timeouts are short (2 s, one retry). For anything else, configure
         * Redisson yourself and pass the client to {@link #redisson}. Percent-encode special characters of
         * the user and password ({@code @} as {@code %40}, {@code /} as {@code %2F}, {@code :} as {@code %3A}).
         *
         * @param uri the Redis URI
         * @return this builder
         * @throws IllegalArgumentException if {@code uri} is not of that form: another scheme, no host, a
         *     port outside 1 to 65535, a path that is not a database number, a query or a fragment (the
         *     message shows the URI without its password)
         */
        public Builder redis(String uri) {
            this.redisUri = RedisUri.parse(uri);
            return this;
        }

        /**
         * Coordinate through a client the guard creates (at {@link #build()}) from a Redisson YAML
         * configuration file, the format of Redisson's {@code Config.fromYAML}: {@code singleServerConfig},
         * {@code sentinelServersConfig}, {@code clusterServersConfig} and the rest, with Redisson's defaults
         * (e.g. 10 s connect timeout, 3 s command timeout) for what it leaves out. The guard shuts the client
         * down on {@link TaskGuard#close()}. A {@code clusterServersConfig} gives the guard
         * {@link KeyScheme#CLUSTER} unless {@link #keyScheme} says otherwise. The file is read and checked
         * now, without touching Redis.
         *
         * @param file a Redisson YAML configuration file
         * @return this builder
         * @throws IllegalArgumentException if the file does not exist, cannot be read, or is not a valid
         *     Redisson configuration (the message names the file and quotes the first line of the parse error,
         *     with no password); if it uses a {@code ${VARIABLE}} that is not set and has no default; if it is
         *     empty, has no server section, or its section lacks its addresses ({@code address},
         *     {@code masterName} and {@code sentinelAddresses}, {@code nodeAddresses}, {@code masterAddress});
         *     if its {@code sslTruststore} or {@code sslKeystore} does not exist or does not open with its password
         */
        public Builder redissonConfig(Path file) {
            this.redissonYaml = RedissonYaml.read(notNull(file, "redissonConfig(file)"));
            return this;
        }

        /**
         * As {@link #redissonConfig(Path)}, with the configuration read now from {@code url} (e.g. a
         * {@code file:} or {@code classpath}-resource URL).
         *
         * @param url where to read a Redisson YAML configuration from
         * @return this builder
         * @throws IllegalArgumentException if nothing can be read from the URL, or the configuration is
         *     refused as {@link #redissonConfig(Path)} refuses a file's
         */
        public Builder redissonConfig(URL url) {
            this.redissonYaml = RedissonYaml.read(notNull(url, "redissonConfig(url)"));
            return this;
        }

        /**
         * Coordinate in this JVM's memory only: for a single process and for tests. TTLs follow the clock.
         *
         * @return this builder
         */
        public Builder inMemory() {
            this.inMemory = true;
            return this;
        }

        /**
         * The clock that decides "today" and, for the in-memory store, expiry.
         *
         * @param clock the clock; default the system clock in the default zone
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = notNull(clock, "clock(clock)");
            return this;
        }

        /**
         * The zone in which "today" is taken; default: the clock's zone.
         *
         * @param zone the zone of "today"
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = notNull(zone, "zone(zone)");
            return this;
        }

        /**
         * Default lock time to live (renewed while a body runs); from 1 ms to 3650 days, default 300 s.
         *
         * @param timeout the default lock timeout
         * @return this builder
         * @throws IllegalArgumentException for null, under 1 ms or over 3650 days
         */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = Inputs.duration(null, "lockTimeout", timeout);
            return this;
        }

        /**
         * How long {@link TaskGuard#close()} waits for the runs in flight to end before it stops lock renewal and
         * shuts down its own client; from 0 (do not wait) to 3650 days, default 30 s (Spring's default shutdown
         * phase).
         *
         * @param timeout how long closing waits for the runs in flight
         * @return this builder
         * @throws IllegalArgumentException for null, negative or over 3650 days
         */
        public Builder closeTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.compareTo(Inputs.MAX_DURATION) > 0) {
                throw new IllegalArgumentException("TaskGuard.builder().closeTimeout(" + timeout + "): use 0 (do "
                        + "not wait) to 3650 days (P3650D), e.g. Duration.ofSeconds(30).");
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Default success key time to live; from 1 ms to 3650 days, default 86400 s (1 day).
         *
         * @param ttl the default success TTL
         * @return this builder
         * @throws IllegalArgumentException for null, under 1 ms or over 3650 days
         */
        public Builder successTtl(Duration ttl) {
            this.successTtl = Inputs.duration(null, "successTtl", ttl);
            return this;
        }

        /**
         * A namespace put before every key, e.g. {@code "billing:"}, so keys read {@code billing:lock:...};
         * empty by default.
         *
         * @param prefix the key prefix, empty for none
         * @return this builder
         * @throws IllegalArgumentException if a non-empty prefix does not end with a separator (a character
         *     that is not a letter or digit, such as {@code :}), or contains white space or control characters
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Inputs.keyPrefix(notNull(prefix, "keyPrefix(prefix)"));
            return this;
        }

        /**
         * How keys are named; see {@link KeyScheme} for each scheme's keys. Without this call, a guard on a
         * cluster {@code RedissonClient} ({@code client.getConfig().isClusterConfig()}), or on a Redisson YAML
         * with {@code clusterServersConfig} ({@link #redissonConfig(Path)}), uses {@link KeyScheme#CLUSTER}, any other {@link KeyScheme#PLAIN} (the Python boilerplate's keys). Set it
         * for a client that does not know it talks to a cluster (a proxy in front of one), to share a cluster
         * with Python workers that write the tagged keys, or to force the plain keys.
         *
         * @param scheme the key scheme
         * @return this builder
         */
        public Builder keyScheme(KeyScheme scheme) {
            this.keyScheme = notNull(scheme, "keyScheme(scheme)");
            return this;
        }

        /**
         * Makes a run's acquire and finish wait until at least {@code replicas} replicas of the primary
         * have them (Redis {@code WAIT}, sent in the same request as the script, as Redisson's own locks do):
         * a lock or a completion that only the primary holds is lost if the primary fails over, and another
         * worker can then run the same date, or overlap a run. A run still costs two round trips, each
         * longer by the time replication takes. If fewer replicas acknowledge the acquire within
         * {@code timeout}, the body does not run, the lock is released and the caller gets a
         * {@link TaskError} with reason {@link TaskResult#NOT_REPLICATED}; if fewer acknowledge the
         * finish, the result keeps its status and gets a {@code not_replicated} warning. Lock renewals do
         * not wait. Default: 0, nothing waits. Calls on a guard that waits are not coalesced into shared
         * requests (each {@code WAIT} counts for its own connection). See docs/operations.md.
         *
         * @param replicas how many replicas must acknowledge, 0 (off) or more; more than the primary has
         *     makes every run fail
         * @param timeout how long to wait for them, from 1 ms to 60 s (Redis {@code WAIT}'s timeout; it holds
         *     the connection meanwhile)
         * @return this builder
         * @throws IllegalArgumentException for a negative count, or a null, under 1 ms or over 60 s timeout
         */
        public Builder waitForReplicas(int replicas, Duration timeout) {
            if (replicas < 0) {
                throw new IllegalArgumentException("TaskGuard.builder().waitForReplicas(" + replicas + ", ...): the "
                        + "number of replicas must be 0 (off) or more, e.g. waitForReplicas(1, Duration.ofMillis(500)).");
            }
            if (timeout == null || timeout.compareTo(Duration.ofMillis(1)) < 0
                    || timeout.compareTo(MAX_REPLICA_WAIT) > 0) {
                throw new IllegalArgumentException("TaskGuard.builder().waitForReplicas(" + replicas + ", " + timeout
                        + "): the timeout must be from 1 ms to 60 s, e.g. Duration.ofMillis(500).");
            }
            this.replicas = replicas == 0 ? Replicas.NONE : new Replicas(replicas, timeout);
            return this;
        }

        /**
         * How much run history the guard keeps in Redis: each finished run appends an entry to its task's
         * history (status, reason, errors, warnings, counters, start and end, fencing token, worker), the last
         * {@code maxRuns} entries of each task are kept (from 100 kept, Redis trims a whole stream node at a
         * time, so up to 100 more may stay until the next trim), and a task's history and counts expire
         * {@code timeToLive} after their last write, so a task that stops running leaves nothing for good.
         * A run in progress is visible with its worker and start; skipped calls are counted by reason. It
         * costs no round trip: the run's two scripts write it ({@code docs/protocol.md}, "History").
         * {@link TaskGuard#operator()}, the CLI and the web console read it. The in-memory store keeps none.
         * Default: 1000 runs, 30 days.
         *
         * @param maxRuns entries kept per task, 0 (no history, no counts, no run-in-progress key) to 1,000,000
         * @param timeToLive from 1 ms to 3650 days
         * @return this builder
         * @throws IllegalArgumentException for a count outside 0 to 1,000,000, or a null, under 1 ms or over
         *     3650 days time to live
         */
        public Builder history(int maxRuns, Duration timeToLive) {
            if (maxRuns < 0 || maxRuns > MAX_HISTORY_RUNS) {
                throw new IllegalArgumentException("TaskGuard.builder().history(" + maxRuns + ", ...): keep 0 (no "
                        + "history) to 1000000 runs per task, e.g. history(1000, Duration.ofDays(30)).");
            }
            this.historyTtl = Inputs.duration(null, "history time to live", timeToLive);
            this.historyRuns = maxRuns;
            return this;
        }

        /**
         * The name this guard's runs record as their worker's, in the history and in the run-in-progress key:
         * what an operator sees to know which process runs a task. Default: {@code pid@host}, the process id
         * and host name (as the JVM's {@code RuntimeMXBean.getName()}).
         *
         * @param name the worker name
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is null, blank, longer than 200 characters or holds
         *     control characters
         */
        public Builder workerName(String name) {
            this.workerName = Inputs.label("TaskGuard.builder().workerName", name);
            return this;
        }

        /**
         * Adds a listener told of every run of this guard ({@link TaskListener}: skips, starts, ends, lost locks,
         * store errors), after those added before; e.g. {@code guardedtask-micrometer}'s meters. None by default,
         * and then the runs pay nothing for them.
         *
         * @param listener the listener to add
         * @return this builder
         * @throws IllegalArgumentException if {@code listener} is null
         */
        public Builder listener(TaskListener listener) {
            listeners.add(notNull(listener, "listener(listener)"));
            return this;
        }

        /**
         * Where {@link TaskGuard#runAsync asynchronous runs} run their bodies' synchronous part and complete
         * their callers' stages: never on the Redis client's threads, so that what the body or a dependent stage
         * does cannot stall them. Default: the executor of {@code CompletableFuture}'s {@code *Async} methods
         * ({@code ForkJoinPool.commonPool()}, or a thread per task on a machine where its parallelism is 1). It
         * must run what it accepts, on threads of its own: a direct executor ({@code Runnable::run}) runs them on
         * whichever thread completed the acquire, a Redis client's thread, where a blocking call stalls the client.
         * One that refuses a body fails that run (its lock is released). On Java 21
         * and later, {@code Executors.newVirtualThreadPerTaskExecutor()} fits bodies that block. The guard does
         * not shut it down.
         *
         * @param executor the executor of asynchronous bodies and of the stages' completion
         * @return this builder
         * @throws IllegalArgumentException if {@code executor} is null
         */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = notNull(executor, "asyncExecutor(executor)");
            return this;
        }

        /** Test seam: a store of the test's own (e.g. one that throws where told); counts as the one store. */
        Builder store(TaskStore store) {
            this.store = store;
            return this;
        }

        /** Test seam: a renewer whose ticks the test drives. */
        Builder renewer(LockRenewer renewer) {
            this.renewer = renewer;
            return this;
        }

        private static <T> T notNull(T value, String call) {
            if (value == null) {
                throw new IllegalArgumentException("TaskGuard.builder()." + call + " got null; pass a value.");
            }
            return value;
        }

        /**
         * Builds the guard; a guard that makes its own Redisson client connects it here.
         *
         * @return the guard, thread-safe; close it when the application stops
         * @throws IllegalStateException if not exactly one store was chosen (e.g. both {@link #redis} and
         *     {@link #redissonConfig(Path)}), the guard's own client cannot connect, the key prefix has a
         *     <code>{</code> that would break {@link KeyScheme#CLUSTER}'s hash tags, or {@link #waitForReplicas}
         *     is set on an {@link #inMemory} guard
         */
        public TaskGuard build() {
            int stores = (redisson != null ? 1 : 0) + (redisUri != null ? 1 : 0) + (redissonYaml != null ? 1 : 0)
                    + (inMemory ? 1 : 0) + (store != null ? 1 : 0);
            if (stores != 1) {
                throw new IllegalStateException("TaskGuard.builder(): choose exactly one store, "
                        + (stores == 0 ? "none was chosen" : stores + " were chosen")
                        + ": .redisson(client), .redis(\"redis://localhost:6379/0\"), "
                        + ".redissonConfig(Path.of(\"redisson.yaml\")) or .inMemory().");
            }
            if (redisson != null && (redisson.isShutdown() || redisson.isShuttingDown())) {
                throw new IllegalStateException("TaskGuard.builder().redisson(client): the client is shut down; "
                        + "pass a live RedissonClient.");
            }
            KeyScheme scheme = keyScheme != null ? keyScheme
                    : redisson != null && redisson.getConfig().isClusterConfig()
                    || redissonYaml != null && redissonYaml.cluster() ? KeyScheme.CLUSTER : KeyScheme.PLAIN;
            if (scheme == KeyScheme.CLUSTER) {
                Inputs.clusterKeyPrefix(keyPrefix);
            }
            if (store != null) {
                return new TaskGuard(this, store, scheme, null);
            }
            if (inMemory) {
                if (replicas.count() > 0) {
                    throw new IllegalStateException("TaskGuard.builder(): waitForReplicas(" + replicas.count()
                            + ", ...) needs Redis; an inMemory() guard has no replicas. Remove one of the two.");
                }
                return new TaskGuard(this, new MemoryTaskStore(clock), scheme, null);
            }
            if (redisson != null) {
                return new TaskGuard(this, new RedisTaskStore(redisson, replicas), scheme, null);
            }
            RedissonClient client = redisUri != null ? redisUri.connect() : redissonYaml.connect();
            return new TaskGuard(this, new RedisTaskStore(client, replicas), scheme, client::shutdown);
        }
    }
}
