package dev.guardedtask.examples.boot;

/** Where the recurring task's prices come from: slow, so that a run outlasts the task's delay. */
public interface PriceFeed {

    /** Fetches and stores the prices; returns how many. May block for a while. */
    int syncPrices() throws InterruptedException;
}
