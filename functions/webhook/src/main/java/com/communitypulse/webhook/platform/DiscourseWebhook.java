package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.secrets.SecretName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Discourse webhooks: {@code X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256 of the raw body>},
 * the {@code X-Discourse-*} headers, {@code ping} answered. Discourse gives each automatic retry a
 * new event id, so the de-duplication key is the content: event, object type and id, and the
 * object's {@code updated_at}/{@code version}; an edit (new version) is a new delivery. The unsigned
 * {@code X-Discourse-Instance} is not part of it (one forum per stack: {@code DISCOURSE_BASE_URL}).
 */
public final class DiscourseWebhook implements Platform {
    private static final List<String> KEPT_HEADERS = List.of("x-discourse-instance", "x-discourse-event-type",
            "x-discourse-event-id", "x-discourse-event");

    @Override
    public String route() {
        return "discourse";
    }

    @Override
    public String id() {
        return "discourse";
    }

    @Override
    public SecretName secret() {
        return SecretName.DISCOURSE;
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public void verify(WebhookRequest request, byte[] body, List<String> secrets, Instant now) throws Rejected {
        String header = request.header("X-Discourse-Event-Signature").orElseThrow(
                () -> Rejected.unauthorized("missing_signature", "X-Discourse-Event-Signature header is missing"));
        byte[] given = Signatures.prefixedHex(header, "sha256=");
        if (given == null || !Signatures.anyHmacMatches(secrets, body, given)) {
            throw Rejected.unauthorized("bad_signature", "X-Discourse-Event-Signature does not match the body");
        }
    }

    @Override
    public Interpretation interpret(WebhookRequest request, byte[] body, Instant now) throws Rejected {
        String event = JsonBodies.eventName(request.header("X-Discourse-Event").orElse(null), "X-Discourse-Event");
        ObjectNode payload = JsonBodies.object(body, "the body");
        if ("ping".equals(event) || "ping".equals(request.header("X-Discourse-Event-Type").orElse(""))) {
            return new Interpretation.Answer(WebhookResponse.json(200, "status", "pong"));
        }
        // Discourse sends one top-level key named after the type: {"post": {...}}
        Iterator<Map.Entry<String, JsonNode>> fields = payload.fields();
        if (!fields.hasNext()) {
            throw Rejected.badRequest("bad_shape", "the body has no object");
        }
        Map.Entry<String, JsonNode> first = fields.next();
        if (!first.getValue().isObject()) {
            throw Rejected.badRequest("bad_shape", "the body's " + first.getKey() + " is not an object");
        }
        String type = request.header("X-Discourse-Event-Type").orElse(first.getKey());
        JsonNode object = first.getValue();
        // Signed parts only: Discourse signs the body, not X-Discourse-Instance, so a replay with another
        // instance header is the same delivery.
        String dedupKey = object.hasNonNull("id")
                ? JsonBodies.sha256(String.join("\n", event, type, object.get("id").asText(),
                        object.path("updated_at").asText(""), object.path("version").asText("")))
                : JsonBodies.sha256(String.join("\n", event, JsonBodies.sha256(body)));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            request.header(name).ifPresent(value -> headers.put(name, value));
        }
        String deliveryId = request.header("X-Discourse-Event-Id").orElse(dedupKey);
        return new Interpretation.Delivery(event, deliveryId, dedupKey, headers, payload, null);
    }
}
