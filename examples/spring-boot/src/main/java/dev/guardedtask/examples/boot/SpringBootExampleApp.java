package dev.guardedtask.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;
import java.util.Map;

/**
 * Two {@code @Scheduled} methods annotated {@code @GuardedTask} ({@link ScheduledJobs}), on an embedded Redis
 * unless one is named. Start it twice, side by side, and each run of a task happens on one instance only: the
 * other logs {@code already_completed} for the daily task and {@code lock_held} for the recurring one.
 *
 * <pre>
 * java -jar examples/spring-boot/target/guardedtask-example-spring-boot.jar [--run-for=20s] [--redis=URI]
 * </pre>
 *
 * <ul>
 *   <li>{@code --redis=URI} (or {@code --guardedtask.redis.uri=URI}): the Redis to use. Without it the first instance
 *   starts an embedded redis-server on 127.0.0.1:{@value ExampleRedis#PORT} ({@code --redis-port=N} for another
 *   port) and a second instance, finding that port in use, connects to it.</li>
 *   <li>{@code --run-for=DURATION} ({@code 20s}, {@code 1m}, {@code PT20S}): stop after that long, exit code 0.
 *   Without it the application runs until Ctrl-C.</li>
 * </ul>
 */
@SpringBootApplication
@EnableScheduling
public class SpringBootExampleApp {

    /** The guard's Redis, as the starter reads it. */
    static final String REDIS_URI_PROPERTY = "guardedtask.redis.uri";

    public static void main(String[] args) {
        SimpleCommandLinePropertySource options = new SimpleCommandLinePropertySource(args);
        Duration runFor = runFor(options);
        ExampleRedis redis = ExampleRedis.choose(options);
        SpringApplication application = new SpringApplication(SpringBootExampleApp.class);
        application.setDefaultProperties(Map.of(REDIS_URI_PROPERTY, redis.uri()));
        ConfigurableApplicationContext context = application.run(args);
        if (runFor == null) {
            return; // the scheduler's threads keep the JVM up until Ctrl-C; shutdown hooks stop both
        }
        try {
            Thread.sleep(runFor.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            int code = SpringApplication.exit(context);
            redis.close();
            System.exit(code);
        }
    }

    /** {@code --run-for}, or {@code null} to run until stopped. */
    static Duration runFor(SimpleCommandLinePropertySource options) {
        String value = options.getProperty("run-for");
        if (value == null) {
            return null;
        }
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the expected forms
        }
        throw new IllegalArgumentException("--run-for=" + value + " is not a positive duration: give e.g. "
                + "--run-for=20s, --run-for=2m or --run-for=PT20S, or leave it out to run until Ctrl-C.");
    }
}
