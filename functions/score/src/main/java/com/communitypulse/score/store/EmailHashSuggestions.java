package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.EmailItem;
import com.communitypulse.shared.store.ItemAttributes.EmailRefItem;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The {@code email_hash} suggestion: a custom source gave the actor an e-mail hash ({@code context.email_sha256}).
 * The first time an identity comes with a hash, its two items are put: {@code PERSON#{identity}} / {@code EMAIL#…}
 * (first, on condition it does not exist: a second sighting stops there, having written nothing) and the index item
 * {@code EMAIL#…} / {@code {identity}}; then the index's partition is read (one Query) and every other person found
 * there that is no bot gets one {@code SUGGEST} item. The hash is keyed with the erasure salt before it is stored
 * ({@link TableKeys#email}).
 */
final class EmailHashSuggestions {
    /** An address is one person's: the strongest hint (docs/admin.md, Suggestions). */
    static final BigDecimal CONFIDENCE = new BigDecimal("0.9");
    /** Identities read per hash: one address shared by more people than this is a list's, not a person's. */
    static final int MAX_IDENTITIES = 20;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final SuggestionPairs pairs;
    private final DynamoDbClient dynamo;
    private final String salt;

    EmailHashSuggestions(SuggestionPairs pairs, DynamoDbClient dynamo, String salt) {
        this.pairs = pairs;
        this.dynamo = dynamo;
        this.salt = salt;
    }

    int suggest(CommunityAction action, Profile person) {
        String hash = action.context().emailSha256();
        if (hash == null || !SHA256.matcher(hash).matches() || CommunityAction.BOT.equals(person.kind())) {
            return 0;
        }
        String identity = action.actor();
        String pk = TableKeys.email(salt, hash);
        AttributeValue expiresAt = AttributeValue.fromN(Long.toString(pairs.expiresAt()));
        try {
            // the identity's own copy first: erasure finds the index item through it, so it never exists alone
            dynamo.putItem(r -> r.tableName(pairs.table())
                    .item(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.person(identity)),
                            TableKeys.SK, AttributeValue.fromS(pk), EmailRefItem.EXPIRES_AT, expiresAt))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableKeys.PK)));
        } catch (ConditionalCheckFailedException seenBefore) {
            return 0; // this identity came with this hash before: its pairs were suggested then
        }
        dynamo.putItem(r -> r.tableName(pairs.table()).item(Map.of(TableKeys.PK, AttributeValue.fromS(pk),
                TableKeys.SK, AttributeValue.fromS(identity), EmailItem.IDENTITY, AttributeValue.fromS(identity),
                EmailItem.EXPIRES_AT, expiresAt)));
        Set<String> found = new LinkedHashSet<>();
        dynamo.query(r -> r.tableName(pairs.table()).consistentRead(true).limit(MAX_IDENTITIES + 1)
                        .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(item -> found.add(SuggestionPairs.s(item, EmailItem.IDENTITY)));
        SuggestionPairs.Side actor = new SuggestionPairs.Side(person.id(), identity, action.actorLogin(),
                action.context().platform());
        int written = 0;
        for (SuggestionPairs.Side other : pairs.others(identity, person, found)) {
            if (pairs.put(actor, other, SuggestionItem.EMAIL_HASH, CONFIDENCE)) {
                written++;
            }
        }
        return written;
    }
}
