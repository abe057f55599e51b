package com.communitypulse.api.store;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The exports' opaque {@code next} cursors, base64url JSON. People: the all-time board Query's LastEvaluatedKey
 * (a PROFILE key and its {@code lb_score}). Actions: the {@code DAY#} partition to go on with and the sort key
 * read last in it (none: from the start of that day). Decoding accepts only those shapes, for that export, so a
 * cursor cannot be turned into a read of anything else; the caller checks an actions cursor's day against its range.
 */
public final class ExportCursor {
    private static final String KIND = "k";
    private static final String PEOPLE = "people";
    private static final String ACTIONS = "actions";
    private static final int MAX_KEY_LENGTH = 1024; // DynamoDB's own limit on a sort key, in bytes

    /** Where an actions page starts: {@code day}'s partition, after {@code afterSortKey} (null: its beginning). */
    public record ActionsStart(LocalDate day, String afterSortKey) {
        /** The Query's ExclusiveStartKey, or null for the day's beginning. */
        Map<String, AttributeValue> startKey() {
            return afterSortKey == null ? null : Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.day(day)),
                    TableKeys.SK, AttributeValue.fromS(afterSortKey));
        }
    }

    private ExportCursor() {
    }

    static String people(Map<String, AttributeValue> lastKey) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put(KIND, PEOPLE).put("pk", lastKey.get(TableKeys.PK).s()).put("s", lastKey.get(TableKeys.LB_SCORE).n());
        return encode(node);
    }

    static String actions(LocalDate day, String afterSortKey) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put(KIND, ACTIONS).put("d", day.toString());
        if (afterSortKey != null) {
            node.put("sk", afterSortKey);
        }
        return encode(node);
    }

    /** The people Query's ExclusiveStartKey, or {@link IllegalArgumentException} with the reason. */
    public static Map<String, AttributeValue> decodePeople(String cursor) {
        JsonNode node = decode(cursor, PEOPLE, Set.of(KIND, "pk", "s"));
        String pk = node.path("pk").asText();
        if (!pk.startsWith(TableKeys.person("")) || pk.length() > MAX_KEY_LENGTH) {
            throw notOurs();
        }
        String score = node.path("s").asText();
        try {
            new BigDecimal(score);
        } catch (NumberFormatException e) {
            throw notOurs();
        }
        return Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
                TableKeys.LB_PK, AttributeValue.fromS(TableKeys.LB_ALL), TableKeys.LB_SCORE, AttributeValue.fromN(score));
    }

    /** Where the actions page starts, or {@link IllegalArgumentException} with the reason. */
    public static ActionsStart decodeActions(String cursor) {
        JsonNode node = decode(cursor, ACTIONS, Set.of(KIND, "d", "sk"));
        if (!node.path("d").isTextual() || (node.has("sk") && !node.path("sk").isTextual())) {
            throw notOurs();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(node.path("d").asText());
        } catch (DateTimeParseException e) {
            throw notOurs();
        }
        String sk = node.has("sk") ? node.path("sk").asText() : null;
        if (sk != null && (sk.isEmpty() || sk.length() > MAX_KEY_LENGTH)) {
            throw notOurs();
        }
        return new ActionsStart(day, sk);
    }

    private static JsonNode decode(String cursor, String kind, Set<String> allowed) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (Exception e) {
            throw notOurs();
        }
        if (node == null || !node.isObject() || !node.path(KIND).isTextual()) {
            throw notOurs();
        }
        if (!kind.equals(node.path(KIND).asText())) {
            throw new IllegalArgumentException("cursor belongs to another export");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw notOurs();
            }
        });
        for (String name : allowed) {
            if (!name.equals("sk") && !node.path(name).isTextual()) {
                throw notOurs();
            }
        }
        return node;
    }

    private static IllegalArgumentException notOurs() {
        return new IllegalArgumentException("cursor is not one this API returned");
    }

    private static String encode(ObjectNode node) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
