package com.communitypulse.local;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner's Kinesis Data Firehose to S3, for the template's rules that target a delivery stream: each
 * record is what the rule's target gets (its {@code InputPath} of the event), serialised as EventBridge
 * sends it, newline-terminated when the stream appends a delimiter, and appended to
 * {@code <dir>/<the stream's S3 prefix, expanded at arrival>/<stream name>.jsonl}. So the files hold the
 * lines S3's objects would, under the same keys' prefixes; not buffered and not gzipped, so they can be
 * read as they grow.
 */
final class LocalFirehose {
    /** Firehose's expressions: {@code !{namespace:value}}. */
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([a-zA-Z]+):([^}]*)}");
    /** EventBridge's {@code InputPath} as the runner takes it: {@code $} or {@code $.field.field}. */
    private static final Pattern INPUT_PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+)*");
    /** Firehose's own prefix when the configured one has no timestamp expression. */
    private static final String DEFAULT_TIME_PREFIX = "!{timestamp:yyyy/MM/dd/HH/}";

    private final Path root;
    private final Clock clock;

    LocalFirehose(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    /** Refuses, at start, a prefix whose expressions the runner cannot expand (only {@code timestamp} ones). */
    static void checkPrefix(String where, String prefix) {
        Matcher m = EXPRESSION.matcher(prefix);
        while (m.find()) {
            if (!m.group(1).equals("timestamp")) {
                throw new IllegalArgumentException(where + ": the local runner expands only !{timestamp:...} in a"
                        + " delivery stream's Prefix, not " + m.group());
            }
            DateTimeFormatter.ofPattern(m.group(2));
        }
    }

    /** Refuses, at start, an {@code InputPath} other than {@code $} or {@code $.a.b}. */
    static void checkInputPath(String where, String inputPath) {
        if (inputPath != null && !INPUT_PATH.matcher(inputPath).matches()) {
            throw new IllegalArgumentException(where + ": the local runner takes InputPath $ or $.field.field, not " + inputPath);
        }
    }

    /**
     * The S3 prefix at this arrival time: {@code !{timestamp:FORMAT}} is the arrival instant in UTC formatted
     * with {@code FORMAT} (Firehose's patterns are Java's); a prefix without one gets Firehose's default
     * {@code yyyy/MM/dd/HH/} appended.
     */
    static String expand(String prefix, Instant arrival) {
        String withTime = EXPRESSION.matcher(prefix).find() ? prefix : prefix + DEFAULT_TIME_PREFIX;
        Matcher m = EXPRESSION.matcher(withTime);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = DateTimeFormatter.ofPattern(m.group(2)).withZone(ZoneOffset.UTC).format(arrival);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** What the target gets of the event: the node at {@code inputPath}, or the whole event without one. */
    static JsonNode select(JsonNode event, String inputPath) {
        if (inputPath == null || inputPath.equals("$")) {
            return event;
        }
        JsonNode node = event;
        for (String field : inputPath.substring(2).split("\\.")) {
            node = node.path(field);
        }
        return node;
    }

    /** The record's bytes: the JSON EventBridge sends, plus the delimiter if the stream appends one. */
    static byte[] record(JsonNode event, LocalTemplate.StreamRule rule) {
        JsonNode selected = select(event, rule.inputPath());
        if (selected.isMissingNode()) {
            throw new IllegalArgumentException("InputPath " + rule.inputPath() + " matches nothing in the event");
        }
        try {
            String json = Json.mapper().writeValueAsString(selected);
            return (rule.newlinePerRecord() ? json + "\n" : json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers one record, as the rule's target would; returns the file it was appended to. */
    synchronized Path put(LocalTemplate.StreamRule rule, JsonNode event) throws IOException {
        byte[] record = record(event, rule);
        Path file = root.resolve(expand(rule.prefix(), clock.instant())).resolve(rule.streamName() + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, record, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }
}
