package dev.guardedtask.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every message about a misused {@code @GuardedTask} method, once. The build gives them (the annotation
 * processor, and the aspect's {@code declare error}s, which inline these constants), and so do the checks at
 * startup and at the first call, for code compiled without them. {@link #SIGNATURE} stands for the method,
 * as AspectJ's {@code {joinpoint.signature}}: {@code <return type> <class>.<name>(<parameter types>)}.
 */
public final class Misuse {

    /** Where a message names the method: AspectJ fills it in at build time, {@link #about} otherwise. */
    public static final String SIGNATURE = "{joinpoint.signature}";

    /** How every message about a method starts. */
    public static final String METHOD = "@GuardedTask method " + SIGNATURE;

    public static final String PRIMITIVE_RETURN = METHOD + " returns a primitive, which has no value for a skipped "
            + "run: return void, TaskResult or a reference type such as Long or Optional<Long>.";

    public static final String TWO_RESULTS = METHOD + " declares more than one TaskResult parameter: declare at "
            + "most one; the live result of the run is injected into it.";

    public static final String TWO_DATES = METHOD + " declares more than one @TaskDate parameter: annotate at most "
            + "one, of type String (YYYYMMDD) or java.time.LocalDate.";

    public static final String DATE_TYPE = METHOD + " has a @TaskDate parameter that is neither String nor "
            + "LocalDate: declare it as String (YYYYMMDD) or java.time.LocalDate.";

    /** The types {@code @TaskKey} takes, for the messages. */
    private static final String KEY_TYPES = "String, UUID, an enum, or an integral number (byte, short, int, long, "
            + "their boxes, BigInteger)";

    public static final String TWO_KEYS = METHOD + " declares more than one @TaskKey parameter: annotate at most "
            + "one, of type " + KEY_TYPES + "; for a key made of several values, pass them joined in one String.";

    public static final String KEY_TYPE = METHOD + " has a @TaskKey parameter of a type it does not take: declare it "
            + "as " + KEY_TYPES + ". Not float, double or BigDecimal: their text is no stable identity (1.0 and 1); "
            + "pass such a value as a String of your choosing.";

    public static final String KEY_AND_DATE = METHOD + " has a parameter annotated both @TaskKey and @TaskDate: the "
            + "date and the key of a run are two parameters; remove one of the annotations.";

    /**
     * The types whose work may go on after the method returns, by name, as one constant (the aspect inlines
     * it): a method returning one of these, or a subtype, is rejected. No dependency on the libraries named.
     */
    public static final String ASYNC_TYPES = "java.util.concurrent.Future,java.util.concurrent.CompletionStage,"
            + "java.util.concurrent.Flow.Publisher,org.reactivestreams.Publisher,java.util.stream.BaseStream,"
            + "io.reactivex.rxjava3.core.Single,io.reactivex.rxjava3.core.Maybe,io.reactivex.rxjava3.core.Completable,"
            + "io.reactivex.rxjava3.core.Observable,io.reactivex.Single,io.reactivex.Maybe,io.reactivex.Completable,"
            + "io.reactivex.Observable,kotlinx.coroutines.Job";

    /**
     * The asynchronous return types a guarded method may declare, exactly these (not subtypes), as one constant:
     * the aspect returns a stage of its own that completes when the method's stage has and the lock is released.
     */
    public static final String STAGE_TYPES = "java.util.concurrent.CompletionStage,java.util.concurrent.CompletableFuture";

    public static final String FUTURE_RETURN = METHOD + " returns a future, a reactive type or a stream other than "
            + "CompletionStage or CompletableFuture (a Future, a subclass of CompletableFuture, a Publisher, an RxJava "
            + "type, java.util.stream.Stream): its work goes on after the method returns, and the guard cannot hold the "
            + "lock until it ends (a Future tells no one when it is done, a subclass cannot be returned in its place, a "
            + "Publisher's work runs per subscriber), so another worker could run the task at the same time. Return "
            + "CompletionStage<T> or CompletableFuture<T> (the lock is held until it completes), or the result itself.";

    public static final String NO_BODY = METHOD + " is abstract: it has no body to guard, and annotations on "
            + "methods are not inherited, so every override would run unguarded. Put @GuardedTask on the overriding "
            + "methods instead.";

    public static final String IN_INTERFACE = METHOD + " is an interface method: an abstract one has no body to "
            + "guard and annotations on methods are not inherited, so implementations would run unguarded; a default "
            + "or static one cannot be woven (AspectJ adds a field that the JVM rejects in an interface, "
            + "ClassFormatError). Put @GuardedTask on the methods of the implementing classes instead.";

    /** {@link #SIGNATURE} the overriding method; {@code {overridden}} the guarded one it overrides. */
    public static final String UNGUARDED_OVERRIDE = SIGNATURE + " overrides @GuardedTask method {overridden} without "
            + "@GuardedTask: annotations on methods are not inherited, so this method runs unguarded, also when it "
            + "calls super. Annotate it with @GuardedTask too (without calling super, whose own guard would find the "
            + "lock held and skip), or give it another name.";

    public static final String RECURRING_TTL = METHOD + ": a recurring task has no success key, so successTtl has "
            + "no effect on it: remove successTtl, or make the task daily (recurring = false).";

    /** {@code {method}}: e.g. "method run of an anonymous class"; {@code {in}}: the top-level class. */
    public static final String LOCAL_CLASS = "@GuardedTask on {method} in {in}: guardedtask cannot check at "
            + "startup that local and anonymous classes were woven, so it does not support them. Move the method "
            + "into a named class (top-level or member).";

    /** {@code {name}}: the task; {@code {kind}}, {@code {otherKind}}: daily or recurring; {@code {other}}: the method. */
    public static final String DAILY_AND_RECURRING = METHOD + ": task '{name}' is {kind} here but {otherKind} in "
            + "{other}: one task name is one task, of one kind. Use two names, or make both the same kind.";

    /** {@code {name}}: the task; {@code {kind}}, {@code {otherKind}}: keyed or unkeyed; {@code {other}}: the method. */
    public static final String KEYED_AND_UNKEYED = METHOD + ": task '{name}' is {kind} here but {otherKind} in "
            + "{other}: a run with a @TaskKey and one without take different locks and never exclude each other. Use "
            + "two names, or give both a @TaskKey (or neither).";

    public static final String DATE_WITHOUT_TASK = "@TaskDate on a parameter of " + SIGNATURE + ", which is not a "
            + "@GuardedTask method: it has no effect there. Annotate the method with @GuardedTask, or remove "
            + "@TaskDate.";

    public static final String KEY_WITHOUT_TASK = "@TaskKey on a parameter of " + SIGNATURE + ", which is not a "
            + "@GuardedTask method: it has no effect there. Annotate the method with @GuardedTask, or remove "
            + "@TaskKey.";

    private Misuse() {
    }

    /**
     * Why {@code GuardedTasks.install} fails: {@code classes} as {@code "Class (method, ...)"};
     * {@code weaverRunning}: whether AspectJ's load-time weaver (its {@code -javaagent}) runs in this JVM.
     */
    public static String notWoven(List<String> classes, boolean weaverRunning) {
        String found = "@GuardedTask methods were not woven, so they would run unguarded (no lock, no skip): "
                + String.join("; ", classes) + ". ";
        String include = "<include within=\"" + includePattern(classes) + "\"/>";
        if (weaverRunning) {
            return found + "The load-time weaver (-javaagent:aspectjweaver) is running but did not weave them: your "
                    + "META-INF/aop.xml's <include within=...> must cover these classes, e.g. <aspectj><weaver>"
                    + include + "</weaver></aspectj>, and guardedtask-aspects must be on the class path (its "
                    + "META-INF/aop.xml names the aspect). -Dorg.aspectj.weaver.showWeaveInfo=true lists what is woven.";
        }
        return found + "Weave them: compile the module with ajc and guardedtask-aspects under <aspectLibraries> "
                + "(README, \"Use it in your project\"; a module compiled by javac alone is not woven), or weave at "
                + "load time: start the JVM with -javaagent:/path/to/aspectjweaver-1.9.27.jar, keep guardedtask-aspects "
                + "on the class path, and add a META-INF/aop.xml with <aspectj><weaver>" + include
                + "</weaver></aspectj> covering these classes (docs/guide.md, \"Load-time weaving\").";
    }

    /** An AspectJ type pattern covering the packages of {@code classes}: {@code com.acme..*}, or several joined by ||. */
    private static String includePattern(List<String> classes) {
        return classes.stream().map(c -> c.contains(" (") ? c.substring(0, c.indexOf(" (")) : c)
                .map(c -> c.contains(".") ? c.substring(0, c.lastIndexOf('.')) + "..*" : "*")
                .distinct().sorted().collect(Collectors.joining(" || "));
    }

    /** {@code template} naming the method {@code signature} where it has {@link #SIGNATURE}. */
    public static String about(String template, String signature) {
        return template.replace(SIGNATURE, signature);
    }
}
