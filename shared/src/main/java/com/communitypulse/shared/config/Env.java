package com.communitypulse.shared.config;

import java.util.Map;
import java.util.Optional;

/**
 * A function's environment, as the template's {@code Environment} gives it. Handlers take it
 * from {@link System#getenv()} on AWS; the local runner passes each function its own map, so
 * the same code runs in both places without an "am I local" switch.
 */
public final class Env {
    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "Environment variable " + name + " is not set; the template's Environment section must define it"));
    }

    public int getInt(String name, int fallback) {
        return get(name).map(Integer::parseInt).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        return get(name).map(Boolean::parseBoolean).orElse(fallback);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
