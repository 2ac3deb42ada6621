package dev.guardedtask.examples.boot;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A price feed shared by two contexts: the first sync to enter waits inside until {@link #release()}, so the test
 * decides how long a run holds the lock; it records the most syncs ever inside at once.
 */
final class GatedPriceFeed implements PriceFeed {

    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger mostInside = new AtomicInteger();

    @Override
    public int syncPrices() throws InterruptedException {
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            entered.countDown();
            released.await(60, TimeUnit.SECONDS);
            return 1;
        } finally {
            inside.decrementAndGet();
        }
    }

    void release() {
        released.countDown();
    }
}
