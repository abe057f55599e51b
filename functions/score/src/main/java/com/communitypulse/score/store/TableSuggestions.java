package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.CommunityAction;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The three reasons together (docs/admin.md, Suggestions): {@code same_login}, {@code profile_url}, {@code email_hash}. */
public final class TableSuggestions implements Suggestions {
    private final SameLoginSuggestions sameLogin;
    private final ProfileUrlSuggestions profileUrl;
    private final EmailHashSuggestions emailHash;

    /** {@code salt}: the erasure salt, which keys the stored e-mail hashes ({@code ERASURE_SALT}). */
    public TableSuggestions(DynamoDbClient dynamo, String table, Duration retention, Clock clock, String salt) {
        SuggestionPairs pairs = new SuggestionPairs(dynamo, table, retention, clock);
        this.sameLogin = new SameLoginSuggestions(pairs);
        this.profileUrl = new ProfileUrlSuggestions(pairs);
        this.emailHash = new EmailHashSuggestions(pairs, dynamo, salt);
    }

    @Override
    public int newLogin(String identity, String platform, String login, Profile person) {
        return sameLogin.newLogin(identity, platform, login, person);
    }

    @Override
    public int fromContext(CommunityAction action, Profile person) {
        return profileUrl.suggest(action, person) + emailHash.suggest(action, person);
    }
}
