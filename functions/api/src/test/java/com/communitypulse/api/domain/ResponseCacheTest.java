package com.communitypulse.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.devkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Answers kept for the TTL, misses never, the least recently used dropped first. */
class ResponseCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T18:00:00Z"));
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void aKeptAnswerIsServedUntilItsTtlEnds() {
        ResponseCache<String> cache = new ResponseCache<>(clock, Duration.ofSeconds(5), 10, v -> true);
        assertEquals("a", cache.get("k", () -> load("a")));
        clock.advance(Duration.ofSeconds(4));
        assertEquals("a", cache.get("k", () -> load("b")));
        assertEquals(1, loads.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("b", cache.get("k", () -> load("b")), "expired at exactly the TTL");
        assertEquals(2, loads.get());
    }

    @Test
    void whatKeepRefusesIsLoadedEveryTime() {
        ResponseCache<String> cache = new ResponseCache<>(clock, Duration.ofSeconds(5), 10, v -> !v.equals("miss"));
        cache.get("k", () -> load("miss"));
        assertEquals("hit", cache.get("k", () -> load("hit")));
        assertEquals("hit", cache.get("k", () -> load("other")));
        assertEquals(2, loads.get());
    }

    @Test
    void theLeastRecentlyUsedGoFirst() {
        ResponseCache<String> cache = new ResponseCache<>(clock, Duration.ofSeconds(5), 2, v -> true);
        cache.get("a", () -> load("a"));
        cache.get("b", () -> load("b"));
        cache.get("a", () -> load("a2")); // a is now the most recently used
        cache.get("c", () -> load("c")); // b goes
        assertEquals("a", cache.get("a", () -> load("a3")));
        assertEquals("b2", cache.get("b", () -> load("b2")));
        assertEquals(4, loads.get());
    }
}
