package com.communitypulse.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowertoolsDigestMetricsTest {
    @Test
    void noPropertyOutlivesItsOwnLine() throws Exception {
        DigestMetrics metrics = PowertoolsDigestMetrics.from(new Env(Map.of()));
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            metrics.skipped("2026-W47", "already_sent");
            metrics.sent("2026-W48");
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"_aws\""))
                .map(l -> {
                    try {
                        return Json.mapper().readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError(l, e);
                    }
                }).toList();
        assertEquals(2, lines.size(), printed.toString(StandardCharsets.UTF_8));
        assertEquals("already_sent", lines.get(0).path("reason").asText());
        JsonNode sent = lines.get(1);
        assertEquals("2026-W48", sent.path("week").asText());
        assertEquals(1.0, sent.path("DigestSent").asDouble());
        assertFalse(sent.has("reason"), "the skipped line's reason leaked onto the next line: " + sent);
        assertFalse(sent.has("DigestSkipped"), sent.toString());
    }
}
