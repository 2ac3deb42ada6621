package dev.guardedtask.examples.boot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** A price feed that takes {@code example.sync-prices.work} (default 3 s) per sync: longer than the task's delay. */
@Component
class SlowPriceFeed implements PriceFeed {

    private final Duration work;

    SlowPriceFeed(@Value("${example.sync-prices.work:PT3S}") Duration work) {
        this.work = work;
    }

    @Override
    public int syncPrices() throws InterruptedException {
        Thread.sleep(work.toMillis());
        return 42;
    }
}
