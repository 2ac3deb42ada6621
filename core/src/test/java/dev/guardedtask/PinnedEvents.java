package dev.guardedtask;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A JFR recording of {@code jdk.VirtualThreadPinned} (Java 21+): every time a virtual thread blocked while
 * it could not leave its carrier, however short (threshold 0), with its stack trace. {@link #stop()} reads
 * the events from the recording's file, so none is still on its way, as with a stream.
 */
final class PinnedEvents implements AutoCloseable {

    static final String PINNED = "jdk.VirtualThreadPinned";

    private final Recording recording = new Recording();

    private PinnedEvents() {
        recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
        recording.setToDisk(true);
    }

    /** Starts recording now. */
    static PinnedEvents record() {
        PinnedEvents events = new PinnedEvents();
        events.recording.start();
        return events;
    }

    /** Stops recording: the pinned events since {@link #record()}. */
    List<RecordedEvent> stop() {
        recording.stop();
        try {
            Path file = Files.createTempFile("guardedtask-pinned-", ".jfr");
            try {
                recording.dump(file);
                return RecordingFile.readAllEvents(file).stream()
                        .filter(event -> event.getEventType().getName().equals(PINNED)).toList();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the JFR recording", e);
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    /** How many events of each {@code pinnedReason} (Java 24+; Java 21 to 23 record none), in one line. */
    static String reasons(List<RecordedEvent> events) {
        return events.stream().map(PinnedEvents::reason)
                .collect(Collectors.groupingBy(reason -> reason, TreeMap::new, Collectors.counting())).toString();
    }

    private static String reason(RecordedEvent event) {
        return event.hasField("pinnedReason") ? event.getString("pinnedReason") : "(no pinnedReason before Java 24)";
    }

    /** Each event with its whole stack trace (an event's own {@code toString()} shows 5 frames). */
    static String describe(List<RecordedEvent> events) {
        return events.stream().map(PinnedEvents::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        String frames = stack == null ? "    (no stack trace)" : stack.getFrames().stream()
                .map(PinnedEvents::describe).collect(Collectors.joining("\n"));
        return "pinned " + event.getDuration().toNanos() / 1_000 + " us, " + reason(event) + ":\n" + frames;
    }

    private static String describe(RecordedFrame frame) {
        return "    at " + frame.getMethod().getType().getName() + "." + frame.getMethod().getName()
                + "(line " + frame.getLineNumber() + ")";
    }
}
