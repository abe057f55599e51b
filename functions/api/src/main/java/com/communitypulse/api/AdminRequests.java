package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What every admin write shares: the JSON body (bounded, an object of known fields), who asks ({@code by}) and why,
 * the action's id from the request's own id, and putting the action on the bus.
 */
final class AdminRequests {
    /** A body is a few short fields: anything larger is not one. */
    static final int MAX_BODY = 8 * 1024;
    static final int MAX_BY = 256;
    static final int MAX_WHY = 1024;
    /** The platforms whose own actions these people are; anyone else's are a custom source's (the schema's enum). */
    private static final Set<String> PLATFORMS = Set.of("github", "discourse", "discord", "slack");

    /** A body read: the JSON object, or the answer that refuses it. */
    record Body(JsonNode json, Answer refused) {
    }

    private AdminRequests() {
    }

    /** The body as a JSON object holding only {@code fields}; {@code usage} shows what it takes. */
    static Body body(APIGatewayProxyRequestEvent request, Set<String> fields, String usage) {
        String body = text(request);
        if (body == null || body.isBlank()) {
            return refused(400, "a JSON body is required: " + usage);
        }
        if (body.length() > MAX_BODY) {
            return refused(413, "the body is over " + MAX_BODY + " characters");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return refused(400, "the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return refused(400, "the body must be a JSON object: " + usage);
        }
        for (var names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                return refused(400, "unknown field " + name + " (the body takes " + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
        return new Body(json, null);
    }

    /** The refusal of a missing or malformed {@code by} or {@code why}, or null when both are fine. */
    static Answer byAndWhy(JsonNode json) {
        JsonNode by = json.get("by");
        if (by == null || !by.isTextual() || !plain(by.asText(), MAX_BY) || by.asText().isBlank()) {
            return ApiRoutes.error(400, "by is required: who asks for the change (1 to " + MAX_BY
                    + " characters, no control characters)");
        }
        JsonNode why = json.get("why");
        if (why != null && !why.isNull() && (!why.isTextual() || !plain(why.asText(), MAX_WHY))) {
            return ApiRoutes.error(400, "why must be a string of at most " + MAX_WHY + " characters, no control characters");
        }
        return null;
    }

    static String why(JsonNode json) {
        JsonNode why = json.get("why");
        return why == null || why.isNull() || why.asText().isEmpty() ? null : why.asText();
    }

    /** The platform an admin action of {@code person} is on: its id's, or {@code custom} for a custom source's. */
    static String platform(String person) {
        String prefix = person.substring(0, person.indexOf(':'));
        return PLATFORMS.contains(prefix) ? prefix : "custom";
    }

    /**
     * The action's id, from the request's own id: a retried invocation of the same request is the same action (the
     * scorer's guard applies it once); two requests are two actions.
     */
    static String actionId(String type, APIGatewayProxyRequestEvent request) {
        String requestId = request.getRequestContext() != null && request.getRequestContext().getRequestId() != null
                ? request.getRequestContext().getRequestId() : UUID.randomUUID().toString();
        return sha256("admin:" + type + ":" + requestId);
    }

    /** Puts the action on the bus; the refusal when it could not (nothing was changed), else null. */
    static Answer publish(EventPublisher bus, CommunityAction action) {
        try {
            bus.publish(List.of(new BusEvent(Sources.ADMIN, Sources.ACTION, Json.mapper().writeValueAsString(action))));
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            return ApiRoutes.error(503, "the change could not be put on the bus; nothing was changed, try again");
        }
    }

    static boolean plain(String value, int max) {
        return value.length() <= max && value.chars().noneMatch(Character::isISOControl);
    }

    private static Body refused(int status, String message) {
        return new Body(null, ApiRoutes.error(status, message));
    }

    private static String text(APIGatewayProxyRequestEvent request) {
        String body = request.getBody();
        if (body != null && Boolean.TRUE.equals(request.getIsBase64Encoded())) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return body;
    }

    private static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
