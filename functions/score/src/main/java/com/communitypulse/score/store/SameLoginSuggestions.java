package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code same_login} suggestion: the login an identity was just seen with, lower-cased, is looked up on the other
 * platforms ({@code LOGIN#} items, one BatchGetItem of at most 4 keys), the identities found there are read (one more
 * BatchGetItem, only when there is a hit), and each that is another person, not linked to this one and not a bot gets
 * one {@code SUGGEST} item, put on condition it does not exist (or is a weaker reason's), so a pair is written once.
 */
public final class SameLoginSuggestions implements Suggestions {
    /** The platforms whose logins are their people's handles; a custom source's login is looked up on all four. */
    static final List<String> PLATFORMS = List.of("github", "discourse", "discord", "slack");
    /** Logins shorter than this ({@code bob}, {@code alex}) are common enough to be two people more often. */
    static final int SHORT_LOGIN = 5;
    static final BigDecimal CONFIDENCE = new BigDecimal("0.6");
    static final BigDecimal SHORT_LOGIN_CONFIDENCE = new BigDecimal("0.4");

    private final SuggestionPairs pairs;

    public SameLoginSuggestions(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this(new SuggestionPairs(dynamo, table, retention, clock));
    }

    SameLoginSuggestions(SuggestionPairs pairs) {
        this.pairs = pairs;
    }

    @Override
    public int newLogin(String identity, String platform, String login, Profile person) {
        if (login == null || login.isBlank() || CommunityAction.BOT.equals(person.kind())) {
            return 0;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String other : PLATFORMS) {
            if (!other.equals(platform)) {
                keys.add(SuggestionPairs.key(TableKeys.login(other, login), TableKeys.LOGIN));
            }
        }
        Map<String, Map<String, AttributeValue>> hits = new LinkedHashMap<>(); // identity -> its LOGIN item
        for (Map<String, AttributeValue> item : pairs.batchGet(keys)) {
            String found = SuggestionPairs.s(item, LoginItem.IDENTITY);
            if (found != null) {
                hits.put(found, item);
            }
        }
        if (hits.isEmpty()) {
            return 0;
        }
        SuggestionPairs.Side actor = new SuggestionPairs.Side(person.id(), identity, login, platform);
        int written = 0;
        for (SuggestionPairs.Side found : pairs.others(identity, person, hits.keySet())) {
            Map<String, AttributeValue> loginItem = hits.get(found.identity());
            // the login as the other platform spells it, from its LOGIN item
            String otherLogin = SuggestionPairs.s(loginItem, LoginItem.LOGIN);
            String otherPlatform = SuggestionPairs.s(loginItem, LoginItem.PLATFORM);
            SuggestionPairs.Side other = new SuggestionPairs.Side(found.person(), found.identity(),
                    otherLogin != null ? otherLogin : login, otherPlatform != null ? otherPlatform : found.platform());
            if (pairs.put(actor, other, SuggestionItem.SAME_LOGIN, confidence(login))) {
                written++;
            }
        }
        return written;
    }

    /** How sure a same login is: see docs/admin.md (Suggestions). */
    static BigDecimal confidence(String login) {
        return login.length() < SHORT_LOGIN ? SHORT_LOGIN_CONFIDENCE : CONFIDENCE;
    }
}
