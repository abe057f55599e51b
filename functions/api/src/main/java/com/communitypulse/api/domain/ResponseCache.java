package com.communitypulse.api.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers kept in memory for a short time, so a burst of dashboard refreshes costs one DynamoDB
 * read per URL per TTL per warm function. Only answers that {@code keep} accepts are stored: a
 * miss ("no contributor yet") is never cached, because the next action may create it a moment
 * later. Bounded: the least recently used go first.
 */
public final class ResponseCache<V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Predicate<V> keep;
    private final Map<String, Entry<V>> entries;

    public ResponseCache(Clock clock, Duration ttl, int maxEntries, Predicate<V> keep) {
        this.clock = clock;
        this.ttl = ttl;
        this.keep = keep;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public V get(String key, Supplier<V> load) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry<V> entry = entries.get(key);
            if (entry != null && now.isBefore(entry.expires())) {
                return entry.value();
            }
        }
        V value = load.get();
        if (keep.test(value)) {
            synchronized (entries) {
                entries.put(key, new Entry<>(value, now.plus(ttl)));
            }
        }
        return value;
    }
}
