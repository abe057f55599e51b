package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * What every suggestion reason shares: reading the identities found (their PROFILE items), telling which of them is
 * another person that may be suggested, and putting the {@code SUGGEST} item of a pair once.
 */
final class SuggestionPairs {
    /** One side of a pair: a person, the identity of it that carries the hint, its login and platform. */
    record Side(String person, String identity, String login, String platform) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    SuggestionPairs(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    String table() {
        return table;
    }

    Instant now() {
        return clock.instant();
    }

    /** The TTL of an item written now: the retention, like activity. */
    long expiresAt() {
        return clock.instant().plus(retention).getEpochSecond();
    }

    /**
     * The identities found, as the other side of a pair with {@code actor} ({@code person}'s identity), in the order
     * given: one BatchGetItem of their PROFILE items. Left out: the actor itself, one of the person's own identities
     * (linked already), an identity linked into the person, a bot, an identity with no profile.
     */
    List<Side> others(String actor, Profile person, Set<String> found) {
        List<String> candidates = new ArrayList<>();
        for (String identity : found) {
            // one of the person's own identities (linked already) or the actor itself: nothing to suggest
            if (identity != null && !identity.equals(actor) && !person.identities().contains(identity)) {
                candidates.add(identity);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        candidates.forEach(identity -> keys.add(key(TableKeys.person(identity), TableKeys.PROFILE)));
        Map<String, Map<String, AttributeValue>> profiles = new LinkedHashMap<>();
        for (Map<String, AttributeValue> profile : batchGet(keys)) {
            profiles.put(s(profile, ProfileItem.ID), profile);
        }
        List<Side> sides = new ArrayList<>();
        for (String identity : candidates) {
            Map<String, AttributeValue> profile = profiles.get(identity);
            if (profile == null) {
                continue;
            }
            String linkedTo = s(profile, LinkItem.LINKED_TO);
            String otherPerson = linkedTo != null ? linkedTo : identity;
            // a linked identity's stub has no kind, but bots are never linked: its person is a user
            if (otherPerson.equals(person.id()) || CommunityAction.BOT.equals(s(profile, ProfileItem.KIND))) {
                continue;
            }
            String platform = s(profile, ProfileItem.PLATFORM);
            sides.add(new Side(otherPerson, identity, s(profile, ProfileItem.LOGIN),
                    platform != null ? platform : platformOf(identity)));
        }
        return sides;
    }

    /**
     * Puts the pair's item, once: on condition there is none, or only one with a lower confidence (a stronger reason
     * for the same two people replaces a weaker one). False when an item as sure or surer was there.
     */
    boolean put(Side side, Side other, String reason, BigDecimal confidence) {
        boolean first = side.person().compareTo(other.person()) <= 0;
        Side a = first ? side : other;
        Side b = first ? other : side;
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableKeys.PK, AttributeValue.fromS(TableKeys.SUGGEST));
        item.put(TableKeys.SK, AttributeValue.fromS(TableKeys.suggestion(a.person(), b.person())));
        item.put(SuggestionItem.PERSON_A, AttributeValue.fromS(a.person()));
        item.put(SuggestionItem.PERSON_B, AttributeValue.fromS(b.person()));
        item.put(SuggestionItem.IDENTITY_A, AttributeValue.fromS(a.identity()));
        item.put(SuggestionItem.IDENTITY_B, AttributeValue.fromS(b.identity()));
        item.put(SuggestionItem.LOGIN_A, AttributeValue.fromS(a.login()));
        item.put(SuggestionItem.LOGIN_B, AttributeValue.fromS(b.login()));
        item.put(SuggestionItem.PLATFORM_A, AttributeValue.fromS(a.platform()));
        item.put(SuggestionItem.PLATFORM_B, AttributeValue.fromS(b.platform()));
        item.put(SuggestionItem.REASON, AttributeValue.fromS(reason));
        item.put(SuggestionItem.CONFIDENCE, AttributeValue.fromN(confidence.toPlainString()));
        item.put(SuggestionItem.CREATED_AT, AttributeValue.fromS(now.toString()));
        item.put(SuggestionItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #c < :c")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#c", SuggestionItem.CONFIDENCE))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromN(confidence.toPlainString()))));
            return true;
        } catch (ConditionalCheckFailedException suggestedBefore) {
            return false; // suggested before (a maintainer may be looking at it): kept as it was
        }
    }

    /** One BatchGetItem (at most a few keys here, far below its 100), following its unprocessed keys. */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int round = 0; round < 5 && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(ask));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk));
    }

    static String platformOf(String identity) {
        int colon = identity.indexOf(':');
        return colon < 0 ? identity : identity.substring(0, colon);
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
