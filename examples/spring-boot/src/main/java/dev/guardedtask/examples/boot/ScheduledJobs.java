package dev.guardedtask.examples.boot;

import dev.guardedtask.GuardedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The example's jobs: Spring schedules them on every instance, {@code @GuardedTask} (woven by ajc) lets one run at
 * a time across all instances. Spring's {@code @Scheduled} methods take no arguments, so these take no
 * {@code TaskResult}: {@link OutcomeLog} logs every run's result.
 */
@Component
public class ScheduledJobs {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);

    private final PriceFeed prices;

    ScheduledJobs(PriceFeed prices) {
        this.prices = prices;
    }

    /** Daily: runs once per date across all instances; every later call that day is skipped, already_completed. */
    @Scheduled(initialDelayString = "${example.daily-digest.delay:PT2S}",
            fixedDelayString = "${example.daily-digest.delay:PT2S}")
    @GuardedTask(name = "task_daily_digest")
    public void dailyDigest() {
        log.info("task_daily_digest: sending today's digest");
    }

    /** Recurring: runs again and again, never twice at once; a run outlasts the delay, so others see lock_held. */
    @Scheduled(initialDelayString = "${example.sync-prices.delay:PT1S}",
            fixedDelayString = "${example.sync-prices.delay:PT1S}")
    @GuardedTask(name = "task_sync_prices", recurring = true)
    public void syncPrices() throws InterruptedException {
        log.info("task_sync_prices: synced {} prices", prices.syncPrices());
    }
}
