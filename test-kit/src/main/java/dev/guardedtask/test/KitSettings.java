package dev.guardedtask.test;

import dev.guardedtask.TaskGuard;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Consumer;

/** How a {@link GuardedTaskExtension} builds each test's guard: immutable. {@code redisUri} null: not a user's Redis. */
record KitSettings(GuardedTaskTest.Store store, String redisUri, Instant start, ZoneId zone,
                   Consumer<TaskGuard.Builder> configure) {

    static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

    KitSettings {
        Objects.requireNonNull(start, "GuardedTaskExtension.startingAt: instant is null; give e.g. "
                + "Instant.parse(\"2026-01-05T09:00:00Z\")");
        Objects.requireNonNull(zone, "GuardedTaskExtension.zone: zone is null; give e.g. ZoneId.of(\"Europe/Paris\")");
        Objects.requireNonNull(configure, "GuardedTaskExtension.configure: the consumer is null; give e.g. "
                + "builder -> builder.lockTimeout(Duration.ofMinutes(10))");
    }

    static KitSettings of(GuardedTaskTest.Store store, String redisUri) {
        return new KitSettings(store, redisUri, DEFAULT_START, ZoneId.of("UTC"), builder -> { });
    }

    /** The settings {@code annotation} gives, on {@code testClass}. */
    static KitSettings of(GuardedTaskTest annotation, Class<?> testClass) {
        return new KitSettings(annotation.store(), null, instant(annotation.instant(), testClass),
                zone(annotation.zone(), testClass), builder -> { });
    }

    private static Instant instant(String value, Class<?> testClass) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException("@GuardedTaskTest(instant = \"" + value + "\") on "
                    + testClass.getName() + ": not an ISO-8601 instant; give e.g. instant = \"2026-01-05T09:00:00Z\" "
                    + "(UTC, with the Z) or \"2026-01-05T09:00:00+01:00\".", e);
        }
    }

    private static ZoneId zone(String value, Class<?> testClass) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ExtensionConfigurationException("@GuardedTaskTest(zone = \"" + value + "\") on "
                    + testClass.getName() + ": not a zone id; give a region such as zone = \"Europe/Paris\", "
                    + "\"UTC\", or an offset such as \"+01:00\".", e);
        }
    }

    KitSettings withStart(Instant instant) {
        return new KitSettings(store, redisUri, instant, zone, configure);
    }

    KitSettings withZone(ZoneId newZone) {
        return new KitSettings(store, redisUri, start, newZone, configure);
    }

    KitSettings withConfigure(Consumer<TaskGuard.Builder> more) {
        Objects.requireNonNull(more, "GuardedTaskExtension.configure: the consumer is null; give e.g. "
                + "builder -> builder.lockTimeout(Duration.ofMinutes(10))");
        return new KitSettings(store, redisUri, start, zone, configure.andThen(more));
    }

    boolean onRedis() {
        return store == GuardedTaskTest.Store.EMBEDDED_REDIS || redisUri != null;
    }
}
