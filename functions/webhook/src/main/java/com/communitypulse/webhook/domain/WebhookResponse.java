package com.communitypulse.webhook.domain;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the function answers: an HTTP status, a JSON body (empty only for Discord's 204) and any
 * headers besides {@code Content-Type}.
 *
 * @param reason  a stable, short code for logs and metrics ({@code bad_signature}); null when accepted
 * @param headers extra response headers (e.g. {@code Retry-After})
 */
public record WebhookResponse(int status, String body, String reason, Map<String, String> headers) {

    public WebhookResponse {
        headers = Map.copyOf(headers);
    }

    public WebhookResponse(int status, String body, String reason) {
        this(status, body, reason, Map.of());
    }

    /** The same answer with one more header. */
    public WebhookResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new WebhookResponse(status, body, reason, more);
    }

    /** A JSON object of the given fields, in the given order (a key, a value, a key, ...). */
    public static WebhookResponse json(int status, Object... keysAndValues) {
        ObjectNode body = Json.mapper().createObjectNode();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            body.set((String) keysAndValues[i], Json.mapper().valueToTree(keysAndValues[i + 1]));
        }
        return new WebhookResponse(status, write(body), null);
    }

    public static WebhookResponse json(int status, ObjectNode body) {
        return new WebhookResponse(status, write(body), null);
    }

    public static WebhookResponse noContent() {
        return new WebhookResponse(204, "", null);
    }

    /** A rejection: {@code {"status":"rejected","reason":"bad_signature","message":"..."}}. */
    public static WebhookResponse rejected(int status, String reason, String message) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("status", "rejected")
                .put("reason", reason)
                .put("message", message);
        return new WebhookResponse(status, write(body), reason);
    }

    public boolean isRejection() {
        return reason != null;
    }

    private static String write(Object node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }
}
