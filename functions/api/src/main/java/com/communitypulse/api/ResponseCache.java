package com.communitypulse.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers kept in memory for a short time (60 s), so a burst of dashboard refreshes costs one
 * DynamoDB read per URL per minute per warm function. Bounded: the least recently used go first.
 */
final class ResponseCache<V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry<V>> entries;

    ResponseCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    V get(String key, Supplier<V> load) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry<V> entry = entries.get(key);
            if (entry != null && now.isBefore(entry.expires())) {
                return entry.value();
            }
        }
        V value = load.get();
        synchronized (entries) {
            entries.put(key, new Entry<>(value, now.plus(ttl)));
        }
        return value;
    }
}
