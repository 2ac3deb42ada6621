package dev.guardedtask.examples.boot;

import dev.guardedtask.TaskListener;
import dev.guardedtask.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Logs the result of every guarded run, skipped ones included, as the boilerplate's JSON. */
@Component
class OutcomeLog implements TaskListener {

    private static final Logger log = LoggerFactory.getLogger(OutcomeLog.class);

    @Override
    public void skipped(TaskResult result) {
        log.info("{} skipped ({}): {}", result.task(), result.reason(), result.toJson());
    }

    @Override
    public void finished(TaskResult result, Duration duration) {
        log.info("{} {} in {} ms: {}", result.task(), result.status().name().toLowerCase(java.util.Locale.ROOT),
                duration.toMillis(), result.toJson());
    }
}
