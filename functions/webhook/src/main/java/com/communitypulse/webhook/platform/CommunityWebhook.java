package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.secrets.SecretName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom sources ({@code POST /webhooks/community}): one {@code community.action} in the unified
 * schema, signed as {@code X-Signature: <hex HMAC-SHA256(secret, timestamp + "." + raw body)>} with
 * {@code X-Signature-Timestamp: <Unix seconds>} within 5 minutes. The signature covers the exact
 * bytes sent, so whitespace and key order never matter. The action's {@code id} (or, without one,
 * the body's SHA-256) identifies the delivery.
 */
public final class CommunityWebhook implements Platform {

    @Override
    public String route() {
        return "community";
    }

    @Override
    public String id() {
        return "custom";
    }

    @Override
    public SecretName secret() {
        return SecretName.COMMUNITY;
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public void verify(WebhookRequest request, byte[] body, List<String> secrets, Instant now) throws Rejected {
        String header = request.header("X-Signature").orElseThrow(
                () -> Rejected.unauthorized("missing_signature", "X-Signature header is missing"));
        String timestamp = request.header("X-Signature-Timestamp").orElse(null);
        Signatures.requireFreshTimestamp(timestamp, "X-Signature-Timestamp", now);
        byte[] given = Signatures.parseHex(header);
        byte[] signed = Signatures.concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        if (given == null || !Signatures.anyHmacMatches(secrets, signed, given)) {
            throw Rejected.unauthorized("bad_signature", "X-Signature does not match the timestamp and body");
        }
    }

    @Override
    public Interpretation interpret(WebhookRequest request, byte[] body, Instant now) throws Rejected {
        ObjectNode action = JsonBodies.object(body, "the body");
        JsonNode event = action.get("event");
        if (event != null && !"community.action".equals(event.asText())) {
            throw Rejected.badRequest("bad_shape", "body.event must be \"community.action\"");
        }
        JsonBodies.text(action, "actor", "body");
        JsonNode context = action.get("context");
        if (context == null || !context.isObject()) {
            throw Rejected.badRequest("bad_shape", "body.context is missing or not an object");
        }
        JsonBodies.text(context, "type", "body.context");
        String timestamp = JsonBodies.text(action, "timestamp", "body");
        try {
            OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw Rejected.badRequest("bad_shape", "body.timestamp is not ISO-8601 with an offset (e.g. 2026-11-20T10:00:00Z)");
        }
        JsonNode id = action.get("id");
        if (id != null && (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 256)) {
            throw Rejected.badRequest("bad_shape", "body.id must be a non-empty string of at most 256 characters");
        }
        String key = id != null ? id.asText() : JsonBodies.sha256(body);
        return new Interpretation.Delivery("action", key, key, Map.of(), action, null);
    }
}
