package com.communitypulse.local.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator alone: no runner, a fixed clock. */
class DemoScenarioTest {
    /** A Wednesday, 07:00 UTC (the ISO week starts Monday 30 November). */
    static final Instant WEDNESDAY = Instant.parse("2026-12-02T07:00:00Z");

    @Test
    void theSameAnchorGivesTheSameBytes() {
        List<DemoDelivery> a = DemoScenario.deliveries(new DemoTimeline(WEDNESDAY));
        List<DemoDelivery> b = DemoScenario.deliveries(new DemoTimeline(WEDNESDAY));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).label(), b.get(i).label());
            assertEquals(a.get(i).headers(), b.get(i).headers());
            assertArrayEquals(a.get(i).body(), b.get(i).body(), a.get(i).label());
        }
    }

    @Test
    void countsPerPlatform() {
        Map<String, Long> counts = DemoScenario.deliveries(new DemoTimeline(WEDNESDAY)).stream()
                .collect(Collectors.groupingBy(DemoDelivery::platform, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("github", 65L, "discourse", 12L, "slack", 12L, "discord", 6L), counts);
    }

    @Test
    void nothingLiesInTheFutureAndThisWeeksActionsStayInThisWeek() {
        for (Instant anchor : List.of(WEDNESDAY, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-06T23:00:00Z"))) {
            DemoTimeline t = new DemoTimeline(anchor);
            for (DemoDelivery d : DemoScenario.deliveries(t)) {
                assertFalse(d.at().isAfter(anchor), d.label());
                assertFalse(d.at().isBefore(t.marker()), d.label());
            }
            assertEquals(Instant.parse("2026-11-30T00:00:00Z"), t.weekStart());
        }
    }

    @Test
    void pastWeeksAreTheSameWhateverTheWeekday() {
        // what the digest reads (weeks -1 to -5) does not depend on the weekday the demo runs
        Set<String> monday = pastWeekBodies(Instant.parse("2026-11-30T01:00:00Z"));
        Set<String> sunday = pastWeekBodies(Instant.parse("2026-12-06T22:00:00Z"));
        assertEquals(monday, sunday);
        assertEquals(95 - 1 - 18, monday.size()); // all but the marker and this week's 11 GitHub, 4 forum, 3 Slack
    }

    private static Set<String> pastWeekBodies(Instant anchor) {
        DemoTimeline t = new DemoTimeline(anchor);
        Set<String> bodies = new HashSet<>();
        DemoScenario.deliveries(t).stream().filter(d -> d.at().isBefore(t.weekStart()) && d.at().isAfter(t.marker()))
                .forEach(d -> bodies.add(d.label() + new String(d.body())));
        return bodies;
    }

    @Test
    void idsThatTheRunnerDeduplicatesOnAreUniqueAndFixed() throws Exception {
        List<DemoDelivery> all = DemoScenario.deliveries(new DemoTimeline(WEDNESDAY));
        Set<String> keys = new HashSet<>();
        for (DemoDelivery d : all) {
            JsonNode body = Json.mapper().readTree(d.body());
            String key = switch (d.platform()) {
                case "github" -> d.headers().get("X-GitHub-Delivery");
                case "slack" -> body.path("event_id").asText();
                case "discord" -> body.path("id").asText();
                default -> d.label();
            };
            assertTrue(keys.add(key), "repeated " + key);
            if (d.platform().equals("discord")) {
                // Discord's time is the interaction id's top 42 bits
                long ms = (Long.parseUnsignedLong(key) >>> 22) + ChatPayloads.DISCORD_EPOCH_MS;
                assertEquals(d.at(), Instant.ofEpochMilli(ms));
            }
        }
        assertEquals("b0a3d6f8-1a8d-3d3b-9b5e-0d0b0c4cba5c".length(), all.get(0).headers().get("X-GitHub-Delivery").length());
    }

    @Test
    void longCommentsEarnTheBonusAndTheBotIsABot() throws Exception {
        long longOnes = 0;
        for (DemoDelivery d : DemoScenario.deliveries(new DemoTimeline(WEDNESDAY))) {
            JsonNode body = Json.mapper().readTree(d.body());
            String text = body.path("comment").path("body").asText(body.path("post").path("raw").asText(""));
            longOnes += text.length() > 500 ? 1 : 0;
            if (body.path("sender").path("login").asText().equals("dependabot[bot]")) {
                assertEquals("Bot", body.path("sender").path("type").asText());
            }
        }
        // grace's and ada's comments, sam's three replies (the accepted one counted once, as a post)
        assertEquals(5, longOnes);
    }

    @Test
    void theAnchorMustBeAWholeHour() {
        assertThrows(IllegalArgumentException.class, () -> new DemoTimeline(WEDNESDAY.plusSeconds(1)));
        assertEquals(WEDNESDAY, DemoTimeline.startingNow(WEDNESDAY.plus(59, ChronoUnit.MINUTES)).anchor());
        assertEquals(WEDNESDAY.minus(DemoTimeline.MARKER_AGE), new DemoTimeline(WEDNESDAY).marker());
    }

    @Test
    void wavesKeepTimeOrderAndNeverShareAPersonOrThread() {
        List<DemoDelivery> all = DemoScenario.deliveries(new DemoTimeline(WEDNESDAY));
        List<List<DemoDelivery>> waves = DemoSender.waves(all);
        assertEquals(all, waves.stream().flatMap(List::stream).toList());
        for (List<DemoDelivery> wave : waves) {
            Set<String> seen = new HashSet<>();
            for (DemoDelivery d : wave) {
                for (String key : d.keys()) {
                    assertTrue(seen.add(key), key + " twice in one wave: " + d.label());
                }
            }
        }
        assertTrue(waves.size() > 10 && waves.size() < all.size(), "waves: " + waves.size());
    }
}
