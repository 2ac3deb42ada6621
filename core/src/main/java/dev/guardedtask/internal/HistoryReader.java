package dev.guardedtask.internal;

import dev.guardedtask.TaskOperator.Run;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a task's history stream newest first, a page of {@code XREVRANGE} at a time. */
final class HistoryReader {

    /** Entries read per {@code XREVRANGE}. */
    static final int PAGE = 100;

    private final RedissonClient redisson;

    HistoryReader(RedissonClient redisson) {
        this.redisson = redisson;
    }

    /** Up to {@code limit} entries of {@code key} that {@code wanted} keeps, newest first, a page at a time. */
    List<Run> read(String key, String task, Predicate<Run> wanted, int limit) {
        List<Run> found = new ArrayList<>();
        StreamMessageId from = StreamMessageId.MAX;
        while (found.size() < limit) {
            // after the first page, the range starts at the last entry read: one more, skipped below
            int asked = from == StreamMessageId.MAX ? PAGE : PAGE + 1;
            Map<StreamMessageId, Map<String, String>> page = redisson.<String, String>getStream(key, StringCodec.INSTANCE)
                    .rangeReversed(asked, from, StreamMessageId.MIN);
            List<StreamMessageId> ids = new ArrayList<>(page.keySet());
            for (StreamMessageId id : ids) {
                Run run = id.equals(from) ? null : HistoryEntry.read(task, id.toString(), page.get(id));
                if (run != null && wanted.test(run) && found.size() < limit) {
                    found.add(run);
                }
            }
            if (page.size() < asked) {
                break;
            }
            from = ids.get(ids.size() - 1);
        }
        return found;
    }

    /** The entries of {@code page} in its order, those of an unknown kind left out. */
    static List<Run> entries(String task, Map<StreamMessageId, Map<String, String>> page) {
        List<Run> runs = new ArrayList<>();
        page.forEach((id, fields) -> {
            Run run = HistoryEntry.read(task, id.toString(), fields);
            if (run != null) {
                runs.add(run);
            }
        });
        return runs;
    }
}
