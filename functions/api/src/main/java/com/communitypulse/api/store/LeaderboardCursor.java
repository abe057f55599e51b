package com.communitypulse.api.store;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code next} cursor: the GSI query's LastEvaluatedKey as base64url JSON. Decoding
 * accepts only the four key attributes, for the board being read, so a cursor cannot be turned
 * into a read of anything else.
 */
final class LeaderboardCursor {
    private static final Set<String> KEYS = Set.of(TableKeys.PK, TableKeys.SK, TableKeys.LB_PK, TableKeys.LB_SCORE);

    private LeaderboardCursor() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("pk", lastKey.get(TableKeys.PK).s());
        node.put("sk", lastKey.get(TableKeys.SK).s());
        node.put("b", lastKey.get(TableKeys.LB_PK).s());
        node.put("s", lastKey.get(TableKeys.LB_SCORE).n());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The start key, or throws {@link IllegalArgumentException} with the reason the cursor is bad. */
    static Map<String, AttributeValue> decode(String cursor, String board) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (Exception e) {
            throw new IllegalArgumentException("cursor is not one this API returned");
        }
        if (node == null || !node.isObject() || node.size() != 4 || !node.path("pk").isTextual()
                || !node.path("sk").isTextual() || !node.path("b").isTextual() || !node.path("s").isTextual()) {
            throw new IllegalArgumentException("cursor is not one this API returned");
        }
        if (!board.equals(node.path("b").asText())) {
            throw new IllegalArgumentException("cursor belongs to another period");
        }
        try {
            new java.math.BigDecimal(node.path("s").asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor is not one this API returned");
        }
        return Map.of(TableKeys.PK, AttributeValue.fromS(node.path("pk").asText()),
                TableKeys.SK, AttributeValue.fromS(node.path("sk").asText()),
                TableKeys.LB_PK, AttributeValue.fromS(board),
                TableKeys.LB_SCORE, AttributeValue.fromN(node.path("s").asText()));
    }

    static Set<String> keys() {
        return KEYS;
    }
}
