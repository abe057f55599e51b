package com.communitypulse.api.store;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@code GET /admin/identities/suggestions}: one page is one Query of the {@code SUGGEST} partition ({@code limit}
 * items) and one BatchGetItem of the page's people, to drop the pairs that no longer hold (a side erased, linked
 * into someone, or a bot; the two linked together). So a page may hold fewer than {@code limit} items and still have a
 * next one. The cursor is the base64url of the last sort key read, and decodes only to a key in that partition.
 */
public final class SuggestionReader {
    /** Two people per item, and a BatchGetItem takes at most 100 keys. */
    public static final int MAX_LIMIT = 50;
    private static final int MAX_KEY_LENGTH = 1024;

    private final DynamoDbClient dynamo;
    private final String table;

    public SuggestionReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The sort key a cursor names; an {@link IllegalArgumentException} for anything that is not one of ours. */
    public static String decodeCursor(String cursor) {
        String sk;
        try {
            sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this route gave");
        }
        int hash = sk.indexOf('#');
        if (sk.isEmpty() || sk.length() > MAX_KEY_LENGTH || hash < 1 || hash == sk.length() - 1
                || sk.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("cursor is not one this route gave");
        }
        return sk;
    }

    static String encodeCursor(String sk) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sk.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"items": [...], "next": cursor or null}}; {@code afterSortKey} null for the first page. */
    public ObjectNode page(int limit, String afterSortKey) {
        var query = dynamo.query(r -> {
            r.tableName(table).keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.SUGGEST))).limit(limit);
            if (afterSortKey != null) {
                r.exclusiveStartKey(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.SUGGEST),
                        TableKeys.SK, AttributeValue.fromS(afterSortKey)));
            }
        });
        Set<String> people = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : query.items()) {
            people.add(s(item, SuggestionItem.PERSON_A));
            people.add(s(item, SuggestionItem.PERSON_B));
        }
        people.remove(null);
        Map<String, Map<String, AttributeValue>> profiles = profiles(people);
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode items = body.putArray("items");
        for (Map<String, AttributeValue> item : query.items()) {
            ObjectNode answer = answer(item, profiles);
            if (answer != null) {
                items.add(answer);
            }
        }
        Map<String, AttributeValue> last = query.hasLastEvaluatedKey() ? query.lastEvaluatedKey() : Map.of();
        if (last.containsKey(TableKeys.SK)) {
            body.put("next", encodeCursor(last.get(TableKeys.SK).s()));
        } else {
            body.putNull("next");
        }
        return body;
    }

    /**
     * One suggestion as a maintainer sees it, or null when it no longer holds. {@code identity} is the side that can
     * join the other ({@code identity_linked}'s actor must have no linked identities of its own): the one with none,
     * the later seen when both have none; {@code accept} is null when both have some (nothing can link them).
     */
    private static ObjectNode answer(Map<String, AttributeValue> item, Map<String, Map<String, AttributeValue>> profiles) {
        String personA = s(item, SuggestionItem.PERSON_A);
        String personB = s(item, SuggestionItem.PERSON_B);
        Map<String, AttributeValue> a = profiles.get(personA);
        Map<String, AttributeValue> b = profiles.get(personB);
        if (a == null || b == null || stale(a) || stale(b) || has(a, ProfileItem.IDENTITIES, personB)
                || has(b, ProfileItem.IDENTITIES, personA) || has(a, ProfileItem.IDENTITIES, s(item, SuggestionItem.IDENTITY_B))
                || has(b, ProfileItem.IDENTITIES, s(item, SuggestionItem.IDENTITY_A))) {
            return null;
        }
        boolean aAlone = ss(a, ProfileItem.IDENTITIES).size() <= 1;
        boolean bAlone = ss(b, ProfileItem.IDENTITIES).size() <= 1;
        boolean aJoins = aAlone && (!bAlone || later(a, b));
        String identity = aJoins ? personA : personB;
        String person = aJoins ? personB : personA;
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("identity", identity);
        answer.put("person", person);
        answer.put("reason", s(item, SuggestionItem.REASON));
        AttributeValue confidence = item.get(SuggestionItem.CONFIDENCE);
        answer.put("confidence", confidence == null ? null : new BigDecimal(confidence.n()));
        ObjectNode logins = answer.putObject("logins");
        logins.put(s(item, SuggestionItem.IDENTITY_A), s(item, SuggestionItem.LOGIN_A));
        logins.put(s(item, SuggestionItem.IDENTITY_B), s(item, SuggestionItem.LOGIN_B));
        answer.put("created_at", s(item, SuggestionItem.CREATED_AT));
        if (aAlone || bAlone) {
            ObjectNode accept = answer.putObject("accept");
            accept.put("method", "POST");
            accept.put("path", "/admin/identities/link");
            accept.putObject("body").put("identity", identity).put("person", person);
        } else {
            answer.putNull("accept");
        }
        return answer;
    }

    /** Linked into someone since (its person changed), or a bot. */
    private static boolean stale(Map<String, AttributeValue> profile) {
        return profile.containsKey(LinkItem.LINKED_TO) || CommunityAction.BOT.equals(s(profile, ProfileItem.KIND));
    }

    /** {@code a} was first seen after {@code b} (ISO-8601 UTC strings sort by time); ties go to b. */
    private static boolean later(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        String seenA = s(a, ProfileItem.FIRST_SEEN);
        String seenB = s(b, ProfileItem.FIRST_SEEN);
        return seenA != null && seenB != null && seenA.compareTo(seenB) > 0;
    }

    /** The page's PROFILE items by id, one BatchGetItem (at most 100 keys), following unprocessed keys. */
    private Map<String, Map<String, AttributeValue>> profiles(Set<String> ids) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.person(id)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE))));
        Map<String, KeysAndAttributes> request = new LinkedHashMap<>(Map.of(table, KeysAndAttributes.builder().keys(keys).build()));
        for (int round = 0; round < 5 && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(ask));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get(TableKeys.PK).s().substring(TableKeys.person("").length()), item);
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static boolean has(Map<String, AttributeValue> item, String name, String value) {
        return value != null && ss(item, name).contains(value);
    }

    private static Set<String> ss(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? null : value.s();
    }
}
