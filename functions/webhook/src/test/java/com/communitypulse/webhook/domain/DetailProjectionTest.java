package com.communitypulse.webhook.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetailProjectionTest {

    static RawDelivery delivery(JsonNode payload) {
        return new RawDelivery("github", "push", "d-1", "2026-11-20T10:00:00Z", Map.of("x-github-hook-id", "1"), payload, null);
    }

    static JsonNode read(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void aDeliveryThatFitsIsPublishedUnchanged() throws Exception {
        RawDelivery small = delivery(read("{\"comment\":{\"body\":\"" + "z".repeat(5000) + "\"}}"));
        String detail = new DetailProjection().fit(small).orElseThrow();
        assertEquals(Json.mapper().writeValueAsString(small), detail);
        assertFalse(detail.contains("__length"));
    }

    @Test
    void longStringsAreCutToTheirFirst1000CharactersWithTheirLengthBeside() throws Exception {
        String longBody = "ab".repeat(3000);
        ObjectNode payload = (ObjectNode) read("{\"comment\":{\"body\":\"" + longBody + "\",\"id\":5},\"tags\":[\"" + longBody + "\"]}");

        JsonNode detail = read(new DetailProjection(4000).fit(delivery(payload)).orElseThrow());

        JsonNode comment = detail.path("payload").path("comment");
        assertEquals(longBody.substring(0, 1000), comment.path("body").asText());
        assertEquals(6000, comment.path("body__length").asInt());
        assertEquals(5, comment.path("id").asInt());
        assertEquals(1000, detail.path("payload").path("tags").get(0).asText().length());
        assertEquals("strings_cut=2;arrays_dropped=", detail.path("headers").path(DetailProjection.PROJECTION_HEADER).asText());
        assertEquals("1", detail.path("headers").path("x-github-hook-id").asText(), "the other headers stay");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() throws Exception {
        String text = "a".repeat(999) + "\uD83C\uDF89" + "b".repeat(2000);
        JsonNode detail = read(new DetailProjection(3000).fit(delivery(read(
                Json.mapper().writeValueAsString(Map.of("body", text))))).orElseThrow());
        assertEquals("a".repeat(999), detail.path("payload").path("body").asText());
        assertEquals(text.length(), detail.path("payload").path("body__length").asInt());
    }

    @Test
    void bulkyArraysAreDroppedInTheDocumentedOrderUntilItFits() throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.putObject("pusher").put("name", "octocat");
        ArrayNode commits = payload.putArray("commits");
        ArrayNode labels = payload.putObject("pull_request").putArray("labels");
        for (int i = 0; i < 300; i++) {
            commits.addObject().put("id", "c" + i).put("message", "commit message number " + i);
            labels.addObject().put("name", "label-" + i);
        }
        int limit = 3_000; // dropping commits alone leaves about 6 KB of labels

        String detail = new DetailProjection(limit).fit(delivery(payload)).orElseThrow();

        assertTrue(detail.getBytes(StandardCharsets.UTF_8).length <= limit);
        JsonNode projected = read(detail).path("payload");
        assertFalse(projected.has("commits"));
        assertFalse(projected.path("pull_request").has("labels"));
        assertEquals("octocat", projected.path("pusher").path("name").asText());
        assertEquals("strings_cut=0;arrays_dropped=commits,labels",
                read(detail).path("headers").path(DetailProjection.PROJECTION_HEADER).asText());
    }

    @Test
    void onlyAsManyArraysAsNeededAreDropped() throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode();
        ArrayNode commits = payload.putArray("commits");
        for (int i = 0; i < 300; i++) {
            commits.addObject().put("id", "c" + i);
        }
        payload.putArray("labels").addObject().put("name", "bug");

        JsonNode projected = read(new DetailProjection(2_000).fit(delivery(payload)).orElseThrow()).path("payload");

        assertFalse(projected.has("commits"));
        assertEquals("bug", projected.path("labels").get(0).path("name").asText());
    }

    @Test
    void aPayloadThatCannotBeProjectedUnderTheLimitIsRefused() {
        ObjectNode payload = Json.mapper().createObjectNode();
        for (int i = 0; i < 2000; i++) {
            payload.put("field" + i, "value" + i);
        }
        Optional<String> detail = new DetailProjection(10_000).fit(delivery(payload));
        assertTrue(detail.isEmpty());
    }
}
