package com.communitypulse.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.normalise.domain.ActionSchema;
import com.communitypulse.normalise.domain.Normaliser;
import com.communitypulse.normalise.domain.NormaliserConfig;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.PublishException;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.testkit.Repository;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler with a recording publisher and metrics, fed the sample events of {@code events/normalise-*.json}. */
class NormaliseHandlerTest {
    private final List<List<BusEvent>> published = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();
    private final NormaliseHandler handler = new NormaliseHandler(new Normaliser(NormaliserConfig.defaults()),
            published::add, recordingMetrics(metrics));

    @Test
    void aMergedPullRequestIsOneActionForItsAuthorOnTheBus() throws IOException {
        handler.handleRequest(sample("normalise-github-pull-request-merged.json"), null);

        assertEquals(1, published.size(), "one publish call per delivery");
        BusEvent event = published.get(0).get(0);
        assertEquals(Sources.NORMALISE, event.source());
        assertEquals(Sources.ACTION, event.detailType());
        JsonNode detail = Json.mapper().readTree(event.detail());
        assertEquals("pr_merged", detail.at("/context/type").asText());
        assertEquals("github:21031067", detail.get("actor").asText(), "the author, not the merger (583231)");
        assertEquals("2019-05-15T15:21:10Z", detail.get("timestamp").asText());
        assertEquals("9f2c7a10-c5d1-11f0-8d5e-4a1f0c3b2e71", detail.at("/context/delivery_id").asText());
        assertTrue(detail.at("/context/impact_score").isMissingNode(), "the scorer sets the impact");
        assertTrue(detail.path("bot").isMissingNode(), "only the schema's fields go on the bus");
        assertEquals(List.of(), ActionSchema.get().problems(detail));
        assertEquals(List.of("published github.pull_request 1"), metrics);
    }

    @Test
    void allActionsOfADeliveryGoInOnePublishCall() throws IOException {
        handler.handleRequest(sample("normalise-github-gollum.json"), null);
        assertEquals(1, published.size());
        assertEquals(2, published.get(0).size());
        List<String> types = new ArrayList<>();
        for (BusEvent event : published.get(0)) {
            types.add(Json.mapper().readValue(event.detail(), CommunityAction.class).context().type());
        }
        assertEquals(List.of("docs_edited", "docs_edited"), types);
        assertEquals(List.of("published github.gollum 2"), metrics);
    }

    @Test
    void everySampleEventIsHandledAsDocumented() throws IOException {
        Map<String, String> expected = Map.of(
                "normalise-github-pull-request-merged.json", "pr_merged",
                "normalise-github-gollum.json", "docs_edited,docs_edited",
                "normalise-github-push-ignored.json", "",
                "normalise-discourse-post-created.json", "reply_given",
                "normalise-discord-kudos.json", "kudos_given",
                "normalise-slack-message.json", "message_posted",
                "normalise-custom-action.json", "docs_edited");
        List<Path> samples;
        try (var files = Files.list(Repository.file("events"))) {
            samples = files.filter(file -> file.getFileName().toString().startsWith("normalise-")).sorted().toList();
        }
        assertEquals(expected.keySet().stream().sorted().toList(),
                samples.stream().map(file -> file.getFileName().toString()).toList());
        for (Path file : samples) {
            published.clear();
            handler.handleRequest(sample(file.getFileName().toString()), null);
            List<String> types = new ArrayList<>();
            for (List<BusEvent> call : published) {
                for (BusEvent event : call) {
                    JsonNode detail = Json.mapper().readTree(event.detail());
                    assertEquals(List.of(), ActionSchema.get().problems(detail), file.toString());
                    types.add(detail.at("/context/type").asText());
                }
            }
            assertEquals(expected.get(file.getFileName().toString()), String.join(",", types), file.toString());
        }
    }

    @Test
    void anIgnoredDeliveryIsCountedAndNothingIsPublished() throws IOException {
        handler.handleRequest(sample("normalise-github-push-ignored.json"), null);
        assertTrue(published.isEmpty());
        assertEquals(List.of("ignored github.push"), metrics);
    }

    @Test
    void aMalformedDetailIsCountedAsUnmappableAndAcknowledged() throws IOException {
        Map<String, Object> noPayload = sample("normalise-slack-message.json");
        ((Map<String, Object>) noPayload.get("detail")).remove("payload");
        handler.handleRequest(noPayload, null);

        Map<String, Object> stringDetail = new HashMap<>(Map.of("detail-type", "github.issues", "detail", "oops"));
        handler.handleRequest(stringDetail, null);

        Map<String, Object> badShape = new HashMap<>(Map.of("detail-type", "github.issues",
                "detail", Map.of("platform", List.of("github"), "payload", 3)));
        handler.handleRequest(badShape, null);
        handler.handleRequest(new HashMap<>(), null);
        handler.handleRequest(null, null);

        assertTrue(published.isEmpty());
        assertEquals(List.of("unmappable slack.message", "unmappable github.issues", "unmappable github.issues",
                "unmappable unknown", "unmappable unknown"), metrics);
    }

    @Test
    void aFailedPublishFailsTheInvocationSoEventBridgeRetries() throws IOException {
        EventPublisher failing = events -> {
            throw new PublishException("1 event(s) not accepted by bus test");
        };
        NormaliseHandler failingHandler = new NormaliseHandler(new Normaliser(NormaliserConfig.defaults()), failing,
                recordingMetrics(metrics));
        assertThrows(PublishException.class,
                () -> failingHandler.handleRequest(sample("normalise-discord-kudos.json"), null));
        assertFalse(metrics.contains("published discord.command.kudos 1"), "nothing counted as published");
    }

    @Test
    void theEventDimensionNamesPlatformAndEvent() {
        assertEquals("slack.team_join", NormaliseHandler.eventName(Map.of(),
                new com.communitypulse.shared.model.RawDelivery("slack", "team_join", null, null, null, null, null)));
        assertEquals("github.push", NormaliseHandler.eventName(Map.of("detail-type", "github.push"), null));
        assertEquals("unknown", NormaliseHandler.eventName(null, null));
    }

    @Test
    void theHandlerReturnsNothing() throws IOException {
        assertNull(handler.handleRequest(sample("normalise-slack-message.json"), null));
    }

    private static Map<String, Object> sample(String name) {
        return Fixtures.eventJson(name);
    }

    static NormaliseMetrics recordingMetrics(List<String> into) {
        return new NormaliseMetrics() {
            @Override
            public void published(String event, int actions) {
                into.add("published " + event + " " + actions);
            }

            @Override
            public void ignored(String event) {
                into.add("ignored " + event);
            }

            @Override
            public void unmappable(String event) {
                into.add("unmappable " + event);
            }
        };
    }
}
