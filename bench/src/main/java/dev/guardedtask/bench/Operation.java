package dev.guardedtask.bench;

/** One measured call, e.g. a guarded no-op run, for {@code task} on {@code date} ({@code YYYYMMDD}). */
@FunctionalInterface
interface Operation {

    void call(String task, String date) throws Exception;
}
