package dev.guardedtask.internal;

import dev.guardedtask.TaskOperator.Lock;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What one lock's {@code GET}, {@code PTTL} and run info {@code HGETALL} answer, in a batch. */
record LockReads(TaskKeys.Parsed key, RFuture<String> holder, RFuture<Long> timeLeft,
                 RFuture<Map<String, String>> run) {

    static LockReads of(RBatch batch, TaskKeys.Parsed lock, TaskKeys keys) {
        String run = keys.withForm(lock.tagged()).run(lock.task(), lock.key(), lock.date());
        return new LockReads(lock, batch.<String>getBucket(lock.redisKey(), StringCodec.INSTANCE).getAsync(),
                batch.getBucket(lock.redisKey(), StringCodec.INSTANCE).remainTimeToLiveAsync(),
                batch.<String, String>getMap(run, StringCodec.INSTANCE).readAllMapAsync());
    }

    /** The lock, or {@code null} if it was gone by the time of the batch. */
    Lock lock() {
        String taskId = RedisOperator.ours(holder, null);
        long left = RedisOperator.ours(timeLeft, -2L);
        if (taskId == null) {
            return null;
        }
        Map<String, String> info = RedisOperator.ours(run, Map.of());
        Duration remaining = left < 0 ? null : Duration.ofMillis(left);
        if (!taskId.equals(info.get("task_id"))) {
            return new Lock(key.task(), key.key(), key.date(), taskId, null, null, null, remaining, null, 0);
        }
        long lockMillis = HistoryEntry.number(info.get("lock_ms"));
        String started = info.get("started");
        return new Lock(key.task(), key.key(), key.date(), taskId, info.get("worker"),
                started == null ? null : Instant.ofEpochMilli(HistoryEntry.number(started)),
                // a TTL longer than the holder's timeout (set by hand) reads as renewed just now
                lockMillis > 0 && left >= 0 ? Duration.ofMillis(Math.max(0, lockMillis - left)) : null, remaining,
                lockMillis > 0 ? Duration.ofMillis(lockMillis) : null, HistoryEntry.number(info.get("fencing_token")));
    }
}
