package com.communitypulse.testkit;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The repository's sample events ({@code events/} at the root, packaged into this kit once) and any
 * test resource, read from the class path: no test walks up the folders to find them.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** A file of {@code events/}, e.g. {@code event("github/issues.opened.json")}. */
    public static String event(String path) {
        return text("events/" + path);
    }

    /** {@link #event} parsed as a JSON object, e.g. an EventBridge envelope for a handler. */
    public static Map<String, Object> eventJson(String path) {
        try {
            return Json.mapper().readValue(event(path), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("events/" + path + " is not a JSON object", e);
        }
    }

    /** Any class-path resource as UTF-8 text. */
    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + " is not on the class path (test resources or the testkit's events/)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
