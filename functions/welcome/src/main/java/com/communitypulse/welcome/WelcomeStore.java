package com.communitypulse.welcome;

import com.communitypulse.shared.store.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The {@code WELCOME#{platform}#{identity}} / {@code WELCOME} item that makes a welcome happen once:
 * claimed (conditional put) before the platform call, then {@code sent}, {@code failed} or
 * {@code dry_run}; released (deleted) when the call must be retried. Every transition is
 * conditioned on this invocation's claim id, so two deliveries never both post.
 */
public final class WelcomeStore {
    public static final String SK = "WELCOME";
    public static final String CLAIMED = "claimed";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DRY_RUN = "dry_run";
    /**
     * A claim older than this belongs to an invocation that died (Lambda's longest timeout is 15
     * minutes), so another delivery may take it over.
     */
    public static final Duration STALE_CLAIM = Duration.ofMinutes(15);

    private final DynamoDbClient dynamo;
    private final String table;

    /** The outcome of a claim: ours, or the item that was already there. */
    public record Claim(boolean ours, Map<String, AttributeValue> existing) {
        public String existingStatus() {
            AttributeValue status = existing == null ? null : existing.get("status");
            return status == null ? "unknown" : status.s();
        }
    }

    public WelcomeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String platform, String identity) {
        return Map.of(TableKeys.PK, s(TableKeys.welcome(platform, identity)), TableKeys.SK, s(SK));
    }

    public Claim claim(FirstContribution c, String claimId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.platform(), c.identity()));
        item.put("status", s(CLAIMED));
        item.put("claim_id", s(claimId));
        item.put("claimed_at", s(now.toString()));
        item.put("claimed_at_ms", n(now.toEpochMilli()));
        item.put("platform", s(c.platform()));
        item.put("identity", s(c.identity()));
        item.put("person", s(c.person()));
        item.put("login", s(c.login()));
        putIfSet(item, "repo", c.context().repo());
        putIfSet(item, "thread", c.context().thread());
        putIfSet(item, "action_id", c.action().id());
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :claimed AND claimed_at_ms < :stale)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED),
                            ":stale", n(now.minus(STALE_CLAIM).toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(true, null);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = taken.hasItem() ? taken.item() : get(c.platform(), c.identity()).orElse(null);
            return new Claim(false, existing);
        }
    }

    /** Moves our claim to its final status with the given attributes; false if the claim is no longer ours. */
    public boolean finish(FirstContribution c, String claimId, String status, Map<String, AttributeValue> attributes) {
        Map<String, String> names = new LinkedHashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":status", s(status), ":me", s(claimId),
                ":claimed", s(CLAIMED)));
        StringBuilder set = new StringBuilder("SET #status = :status");
        int i = 0;
        for (var entry : attributes.entrySet()) {
            names.put("#a" + i, entry.getKey());
            values.put(":a" + i, entry.getValue());
            set.append(", #a").append(i).append(" = :a").append(i);
            i++;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(c.platform(), c.identity()))
                    .updateExpression(set.toString())
                    .conditionExpression("claim_id = :me AND #status = :claimed")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** Deletes our claim so a retry can claim again; a no-op if it is no longer ours. */
    public void release(FirstContribution c, String claimId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(c.platform(), c.identity()))
                    .conditionExpression("claim_id = :me AND #status = :claimed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":me", s(claimId), ":claimed", s(CLAIMED))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Someone else's claim or a final status: leave it.
        }
    }

    /** Sets {@code welcomed_at} on the person's profile (keeping the first value), only if the profile exists. */
    public boolean markWelcomed(String person, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(TableKeys.PK, s(TableKeys.person(person)), TableKeys.SK, s(TableKeys.PROFILE)))
                    .updateExpression("SET welcomed_at = if_not_exists(welcomed_at, :now)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException noProfile) {
            return false;
        }
    }

    public Optional<Map<String, AttributeValue>> get(String platform, String identity) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(platform, identity)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isBlank()) {
            item.put(name, s(value));
        }
    }
}
