package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The {@code same_login} suggestion: the login an identity was just seen with, lower-cased, is looked up on the other
 * platforms ({@code LOGIN#} items, one BatchGetItem of at most 4 keys), the identities found there are read (one more
 * BatchGetItem, only when there is a hit), and each that is another person, not linked to this one and not a bot gets
 * one {@code SUGGEST} item, put on condition it does not exist, so a pair is written once.
 */
public final class SameLoginSuggestions implements Suggestions {
    /** The platforms whose logins are their people's handles; a custom source's login is looked up on all four. */
    static final List<String> PLATFORMS = List.of("github", "discourse", "discord", "slack");
    /** Logins shorter than this ({@code bob}, {@code alex}) are common enough to be two people more often. */
    static final int SHORT_LOGIN = 5;
    static final BigDecimal CONFIDENCE = new BigDecimal("0.6");
    static final BigDecimal SHORT_LOGIN_CONFIDENCE = new BigDecimal("0.4");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    public SameLoginSuggestions(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public int newLogin(String identity, String platform, String login, Profile person) {
        if (login == null || login.isBlank() || CommunityAction.BOT.equals(person.kind())) {
            return 0;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String other : PLATFORMS) {
            if (!other.equals(platform)) {
                keys.add(key(TableKeys.login(other, login), TableKeys.LOGIN));
            }
        }
        Map<String, Map<String, AttributeValue>> hits = new LinkedHashMap<>(); // identity -> its LOGIN item
        for (Map<String, AttributeValue> item : batchGet(keys)) {
            String found = s(item, LoginItem.IDENTITY);
            // one of the person's own identities (linked already) or the actor itself: nothing to suggest
            if (found != null && !found.equals(identity) && !person.identities().contains(found)) {
                hits.put(found, item);
            }
        }
        if (hits.isEmpty()) {
            return 0;
        }
        List<Map<String, AttributeValue>> profileKeys = new ArrayList<>();
        hits.keySet().forEach(found -> profileKeys.add(key(TableKeys.person(found), TableKeys.PROFILE)));
        int written = 0;
        for (Map<String, AttributeValue> profile : batchGet(profileKeys)) {
            String found = s(profile, ProfileItem.ID);
            Map<String, AttributeValue> loginItem = hits.get(found);
            if (loginItem == null) {
                continue;
            }
            String linkedTo = s(profile, LinkItem.LINKED_TO);
            String otherPerson = linkedTo != null ? linkedTo : found;
            // a linked identity's stub has no kind, but bots are never linked: its person is a user
            if (otherPerson.equals(person.id()) || CommunityAction.BOT.equals(s(profile, ProfileItem.KIND))) {
                continue;
            }
            if (put(person.id(), identity, login, platform, otherPerson, found, s(loginItem, LoginItem.LOGIN),
                    s(loginItem, LoginItem.PLATFORM))) {
                written++;
            }
        }
        return written;
    }

    /** How sure a same login is: see docs/admin.md (Suggestions). */
    static BigDecimal confidence(String login) {
        return login.length() < SHORT_LOGIN ? SHORT_LOGIN_CONFIDENCE : CONFIDENCE;
    }

    private boolean put(String person, String identity, String login, String platform,
                        String otherPerson, String otherIdentity, String otherLogin, String otherPlatform) {
        boolean first = person.compareTo(otherPerson) <= 0;
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableKeys.PK, AttributeValue.fromS(TableKeys.SUGGEST));
        item.put(TableKeys.SK, AttributeValue.fromS(TableKeys.suggestion(person, otherPerson)));
        item.put(SuggestionItem.PERSON_A, AttributeValue.fromS(first ? person : otherPerson));
        item.put(SuggestionItem.PERSON_B, AttributeValue.fromS(first ? otherPerson : person));
        item.put(SuggestionItem.IDENTITY_A, AttributeValue.fromS(first ? identity : otherIdentity));
        item.put(SuggestionItem.IDENTITY_B, AttributeValue.fromS(first ? otherIdentity : identity));
        String loginB = otherLogin == null ? login : otherLogin;
        item.put(SuggestionItem.LOGIN_A, AttributeValue.fromS(first ? login : loginB));
        item.put(SuggestionItem.LOGIN_B, AttributeValue.fromS(first ? loginB : login));
        String platformB = otherPlatform == null ? platformOf(otherIdentity) : otherPlatform;
        item.put(SuggestionItem.PLATFORM_A, AttributeValue.fromS(first ? platform : platformB));
        item.put(SuggestionItem.PLATFORM_B, AttributeValue.fromS(first ? platformB : platform));
        item.put(SuggestionItem.REASON, AttributeValue.fromS(SuggestionItem.SAME_LOGIN));
        item.put(SuggestionItem.CONFIDENCE, AttributeValue.fromN(confidence(login).toPlainString()));
        item.put(SuggestionItem.CREATED_AT, AttributeValue.fromS(now.toString()));
        item.put(SuggestionItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK)));
            return true;
        } catch (ConditionalCheckFailedException suggestedBefore) {
            return false; // suggested before (a maintainer may be looking at it): kept as it was
        }
    }

    /** One BatchGetItem (at most 4 keys here, far below its 100), following its unprocessed keys. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int round = 0; round < 5 && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(ask));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk));
    }

    private static String platformOf(String identity) {
        int colon = identity.indexOf(':');
        return colon < 0 ? identity : identity.substring(0, colon);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
