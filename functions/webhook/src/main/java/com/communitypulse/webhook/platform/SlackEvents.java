package com.communitypulse.webhook.platform;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.secrets.SecretName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slack Events API: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + body>},
 * {@code X-Slack-Request-Timestamp} within 5 minutes, {@code url_verification} answered with its
 * challenge. Slack retries a slow delivery with the same {@code event_id}, so that is the key.
 */
public final class SlackEvents implements Platform {

    @Override
    public String route() {
        return "slack";
    }

    @Override
    public String id() {
        return "slack";
    }

    @Override
    public SecretName secret() {
        return SecretName.SLACK;
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public void verify(WebhookRequest request, byte[] body, List<String> secrets, Instant now) throws Rejected {
        String header = request.header("X-Slack-Signature").orElseThrow(
                () -> Rejected.unauthorized("missing_signature", "X-Slack-Signature header is missing"));
        String timestamp = request.header("X-Slack-Request-Timestamp").orElse(null);
        Signatures.requireFreshTimestamp(timestamp, "X-Slack-Request-Timestamp", now);
        byte[] given = Signatures.prefixedHex(header, "v0=");
        byte[] signed = Signatures.concat(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
        if (given == null || !Signatures.anyHmacMatches(secrets, signed, given)) {
            throw Rejected.unauthorized("bad_signature", "X-Slack-Signature does not match the timestamp and body");
        }
    }

    @Override
    public Interpretation interpret(WebhookRequest request, byte[] body, Instant now) throws Rejected {
        ObjectNode payload = JsonBodies.object(body, "the body");
        String type = JsonBodies.text(payload, "type", "body");
        switch (type) {
            case "url_verification" -> {
                String challenge = JsonBodies.text(payload, "challenge", "body");
                return new Interpretation.Answer(WebhookResponse.json(200, "challenge", challenge));
            }
            case "event_callback" -> {
                String eventId = JsonBodies.text(payload, "event_id", "body");
                JsonNode inner = payload.get("event");
                if (inner == null || !inner.isObject()) {
                    throw Rejected.badRequest("bad_shape", "body.event is missing or not an object");
                }
                String event = JsonBodies.eventName(inner.path("type").asText(null), "body.event.type");
                Map<String, String> headers = new LinkedHashMap<>();
                request.header("X-Slack-Retry-Num").ifPresent(value -> headers.put("x-slack-retry-num", value));
                request.header("X-Slack-Retry-Reason").ifPresent(value -> headers.put("x-slack-retry-reason", value));
                return new Interpretation.Delivery(event, eventId, eventId, headers, payload, null);
            }
            default -> {
                // app_rate_limited and future envelope types: acknowledged, nothing to score
                return new Interpretation.Answer(WebhookResponse.json(200, "status", "ignored", "type", type));
            }
        }
    }
}
