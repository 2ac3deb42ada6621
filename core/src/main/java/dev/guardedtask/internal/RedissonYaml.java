package dev.guardedtask.internal;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redisson YAML configuration (the format of {@code Config.fromYAML}), read at once so that a missing
 * file or bad YAML fails where it is given, and turned into a client by {@link #connect()}. Messages name
 * the file or URL, never a password.
 */
public record RedissonYaml(String source, Config config) {

    /** A {@code password:} line's value, to cut out of a parse error that quotes it. */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern BEAN_HASH = Pattern.compile("@[0-9a-f]+\\b");
    private static final Pattern PASSWORD = Pattern.compile("(?m)^\\s*password\\s*:\\s*[\"']?([^\"'\\s#]+)");

    /**
     * @throws IllegalArgumentException if the file is missing or unreadable, not a Redisson configuration, or
     *     one that cannot work ({@link RedissonYamlCheck})
     */
    public static RedissonYaml read(Path file) {
        String source = "Redisson configuration '" + file + "'";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source + " does not exist (absolute path: "
                    + file.toAbsolutePath() + "): give the path of a Redisson YAML file.");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + " cannot be read: " + e + ".");
        }
        return parse(source, text);
    }

    /** @throws IllegalArgumentException if nothing can be read from the URL, or it is not a Redisson configuration */
    public static RedissonYaml read(URL url) {
        String source = "Redisson configuration '" + Masking.uri(url.toString()) + "'";
        try (InputStream in = url.openStream()) {
            return parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " cannot be read: " + e + ".");
        }
    }

    private static RedissonYaml parse(String source, String text) {
        String resolved = RedissonYamlCheck.resolved(source, text);
        Config config;
        try {
            config = Config.fromYAML(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not a valid Redisson YAML configuration: "
                    + masked(problem(e), resolved) + " (see https://redisson.pro/docs/configuration/).");
        }
        RedissonYamlCheck.check(source, resolved);
        return new RedissonYaml(source, config);
    }

    /**
     * What SnakeYAML (Redisson's parser) found wrong, and where: the innermost marked error, e.g.
     * {@code Cannot create property=conectTimeout for JavaBean=org.redisson.config.SingleServerConfig: no such
     * setting (line 4, column 18)}. Its own message spans lines and repeats the outer beans' context.
     */
    static String problem(Throwable error) {
        MarkedYAMLException marked = null;
        for (Throwable cause = error; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml) {
                marked = yaml;
            }
        }
        if (marked == null) {
            return firstLine(String.valueOf(error.getMessage()));
        }
        String context = marked.getContext() == null ? "" : BEAN_HASH.matcher(marked.getContext()).replaceAll("") + ": ";
        String problem = firstLine(String.valueOf(marked.getProblem()));
        Mark at = marked.getProblemMark();
        return context + (problem.contains("\"property\" is null") ? "no such setting" : problem)
                + (at == null ? "" : " (line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ")");
    }

    private static String firstLine(String message) {
        String text = message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }

    /**
     * Without any password of the file, whole or in part (SnakeYAML may quote only its first characters).
     *
     * @param text the file with its {@code ${VARIABLE}}s resolved, as Redisson parsed it: a password may come from one
     */
    private static String masked(String message, String text) {
        List<String> passwords = new ArrayList<>();
        for (Matcher password = PASSWORD.matcher(text); password.find(); ) {
            passwords.add(password.group(1));
        }
        String shown = message;
        for (String password : passwords) {
            shown = shown.replace(password, "***");
        }
        return QUOTED.matcher(shown).replaceAll(quoted -> passwords.stream().anyMatch(p -> p.contains(quoted.group(1)))
                ? "\"***\"" : Matcher.quoteReplacement(quoted.group()));
    }

    /** Whether the configuration is for a Redis Cluster ({@code clusterServersConfig}). */
    public boolean cluster() {
        return config.isClusterConfig();
    }

    /**
     * A Redisson client for this configuration, connected.
     *
     * @throws IllegalStateException if it cannot connect; the message says what Redis answered, or why
     *     nothing answered, and the fix ({@link RedisFailure})
     */
    public RedissonClient connect() {
        try {
            return Redisson.create(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException(RedisFailure.of(e).cannotConnectWith(source), e);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
