package com.communitypulse.normalise.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.testkit.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Test inputs: the GitHub corpus, the fixtures, and deliveries built from them. */
final class TestDeliveries {
    /** Arrival time of every test delivery: the timestamp of events with no time of their own. */
    static final String RECEIVED_AT = "2026-11-20T10:00:00Z";

    private static List<CorpusPayload> corpus;

    private TestDeliveries() {
    }

    /** One payload of the octokit corpus: {@code event} is the X-GitHub-Event name, {@code index} its place. */
    record CorpusPayload(String event, int index, JsonNode payload) {
        String id() {
            return event + "#" + index;
        }

        @Override
        public String toString() {
            return id() + (payload.has("action") ? " (" + payload.get("action").asText() + ")" : "");
        }
    }

    static synchronized List<CorpusPayload> corpus() {
        if (corpus == null) {
            JsonNode all = readResource("corpora/github-webhook-examples.json");
            List<CorpusPayload> payloads = new ArrayList<>();
            for (JsonNode event : all) {
                int index = 0;
                for (JsonNode example : event.get("examples")) {
                    payloads.add(new CorpusPayload(event.get("name").asText(), index++, example));
                }
            }
            corpus = List.copyOf(payloads);
        }
        return corpus;
    }

    /** A deep copy of one corpus payload, to derive cases from. */
    static ObjectNode corpusPayload(String event, int index) {
        return corpus().stream().filter(p -> p.event().equals(event) && p.index() == index).findFirst()
                .map(p -> (ObjectNode) p.payload().deepCopy())
                .orElseThrow(() -> new IllegalArgumentException("no corpus payload " + event + "#" + index));
    }

    static RawDelivery github(String event, JsonNode payload) {
        return github(event, payload, "delivery-" + event);
    }

    static RawDelivery github(String event, JsonNode payload, String deliveryId) {
        return new RawDelivery("github", event, deliveryId, RECEIVED_AT,
                Map.of("x-github-event", event, "x-github-delivery", deliveryId, "x-github-hook-id", "1"), payload, null);
    }

    /** A fixture under {@code src/test/resources/fixtures}: a RawDelivery as the webhook publishes it. */
    static RawDelivery fixture(String path) {
        return Json.mapper().convertValue(readResource("fixtures/" + path), RawDelivery.class);
    }

    /** Every fixture file, by path relative to {@code fixtures/}. */
    static List<String> fixtures() {
        try {
            Path root = Path.of(TestDeliveries.class.getResource("/fixtures").toURI());
            try (var files = Files.walk(root)) {
                return files.filter(file -> file.toString().endsWith(".json"))
                        .map(file -> root.relativize(file).toString().replace('\\', '/'))
                        .sorted().toList();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list fixtures", e);
        }
    }

    /** A JSON test resource of this module, e.g. {@code corpora/github-webhook-examples.json}. */
    static JsonNode readResource(String path) {
        try {
            return Json.mapper().readTree(Fixtures.bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 hex computed here, independently of {@link Ids}. */
    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The action as the bus carries it. */
    static JsonNode asJson(CommunityAction action) {
        return ActionJson.tree(action);
    }
}
