package com.communitypulse.welcome;

import com.communitypulse.shared.store.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The claim items that make a greeting happen once, each claimed (conditional put) before the
 * platform call, then {@code sent}, {@code failed} or {@code dry_run}; released (deleted) when the
 * call must be retried. Every transition is conditioned on this invocation's claim id, so two
 * deliveries never both post.
 * <ul>
 * <li>{@code WELCOME#{platform}#{identity}} / {@code WELCOME}: the per-platform record (operators read it);</li>
 * <li>{@code WELCOME#PERSON#{person}} / {@code WELCOME}: the per-person claim, put in the same transaction,
 *     with a condition check that no other identity of the person holds a welcome, so two platforms
 *     racing for one person cannot both post;</li>
 * <li>{@code CELEBRATE#{milestone}#{person}} / {@code CELEBRATE}: a milestone celebrated once per person.</li>
 * </ul>
 */
public final class WelcomeStore {
    public static final String SK = TableKeys.WELCOME;
    public static final String CELEBRATE_SK = TableKeys.CELEBRATE;
    public static final String CLAIMED = "claimed";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DRY_RUN = "dry_run";
    /**
     * Claims written before claims carried {@code lease_until_ms} are taken over after this (Lambda's
     * longest timeout); every new claim expires at its own lease, the end of the invocation that took it.
     */
    static final Duration LEGACY_STALE_CLAIM = Duration.ofMinutes(15);
    /** Transaction conflicts (another claim on the same items in flight) are retried this often, then thrown. */
    static final int CONFLICT_ATTEMPTS = 8;

    private static final String FREE = "attribute_not_exists(pk) OR (#status = :claimed AND (lease_until_ms < :now"
            + " OR (attribute_not_exists(lease_until_ms) AND claimed_at_ms < :stale)))";
    /** Another identity's platform record: a permanent failure does not count as a welcome. */
    private static final String FREE_OR_FAILED = FREE + " OR #status = :failed";

    private final DynamoDbClient dynamo;
    private final String table;

    /** The outcome of a claim: ours, or the item that was already there. */
    public record Claim(boolean ours, Map<String, AttributeValue> existing) {
        public String existingStatus() {
            AttributeValue status = existing == null ? null : existing.get("status");
            return status == null ? "unknown" : status.s();
        }

        /** Until when the existing claim is held, or null (not a claim, or written before leases). */
        public Instant existingLeaseUntil() {
            AttributeValue lease = existing == null ? null : existing.get("lease_until_ms");
            return lease == null ? null : Instant.ofEpochMilli(Long.parseLong(lease.n()));
        }
    }

    public WelcomeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Resolves identities to people on the same table and client. */
    People people(String erasureSalt) {
        return new People(dynamo, table, erasureSalt);
    }

    static Map<String, AttributeValue> key(String platform, String identity) {
        return Map.of(TableKeys.PK, s(TableKeys.welcome(platform, identity)), TableKeys.SK, s(SK));
    }

    static Map<String, AttributeValue> personKey(String person) {
        return Map.of(TableKeys.PK, s(TableKeys.welcomePerson(person)), TableKeys.SK, s(SK));
    }

    static Map<String, AttributeValue> celebrationKey(String milestone, String person) {
        return Map.of(TableKeys.PK, s(TableKeys.celebration(milestone, person)), TableKeys.SK, s(CELEBRATE_SK));
    }

    /** Identities look like {@code platform:id}; their platform record is {@code WELCOME#platform#identity}. */
    static Map<String, AttributeValue> identityKey(String identity) {
        int colon = identity.indexOf(':');
        return key(colon > 0 ? identity.substring(0, colon) : identity, identity);
    }

    /** Claims the welcome of {@code c} for its own person only (no other identities known), held until {@code leaseUntil}. */
    public Claim claim(FirstContribution c, String claimId, Instant now, Instant leaseUntil) {
        return claimWelcome(c, c.person(), List.of(), claimId, now, leaseUntil);
    }

    /**
     * Claims a welcome in one transaction: the platform record, the person's claim, and a check that none
     * of the person's other identities was welcomed (or is being welcomed). The first failed condition's
     * item is returned as {@link Claim#existing()}. The claim is held until {@code leaseUntil}: after it,
     * the invocation that took it is over, so another may take it over.
     */
    public Claim claimWelcome(FirstContribution c, String person, List<String> otherIdentities, String claimId, Instant now,
                              Instant leaseUntil) {
        Map<String, AttributeValue> attributes = attributes(c, person, claimId, now, leaseUntil);
        List<TransactWriteItem> items = new ArrayList<>();
        long stale = now.minus(LEGACY_STALE_CLAIM).toEpochMilli();
        items.add(put(key(c.platform(), c.identity()), attributes, now, stale));
        items.add(put(personKey(person), attributes, now, stale));
        for (String other : otherIdentities) {
            if (!other.equals(c.identity())) {
                items.add(TransactWriteItem.builder().conditionCheck(b -> b.tableName(table).key(identityKey(other))
                        .conditionExpression(FREE_OR_FAILED).expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":failed", s(FAILED),
                                ":now", n(now.toEpochMilli()), ":stale", n(stale)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
            }
        }
        return transact(items);
    }

    /** Claims the celebration of a milestone for a person (one conditional put). */
    public Claim claimCelebration(String milestone, FirstContribution c, String person, String claimId, Instant now,
                                  Instant leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>(attributes(c, person, claimId, now, leaseUntil));
        item.put("milestone", s(milestone));
        item.putAll(celebrationKey(milestone, person));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(FREE)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":now", n(now.toEpochMilli()),
                            ":stale", n(now.minus(LEGACY_STALE_CLAIM).toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(true, null);
        } catch (ConditionalCheckFailedException taken) {
            return new Claim(false, taken.hasItem() ? taken.item() : get(celebrationKey(milestone, person)).orElse(null));
        }
    }

    private Map<String, AttributeValue> attributes(FirstContribution c, String person, String claimId, Instant now,
                                                   Instant leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("status", s(CLAIMED));
        item.put("claim_id", s(claimId));
        item.put("claimed_at", s(now.toString()));
        item.put("claimed_at_ms", n(now.toEpochMilli()));
        item.put("lease_until_ms", n(leaseUntil.toEpochMilli()));
        item.put("platform", s(c.platform()));
        item.put("identity", s(c.identity()));
        item.put("person", s(person));
        item.put("login", s(c.login()));
        putIfSet(item, "repo", c.context().repo());
        putIfSet(item, "thread", c.context().thread());
        putIfSet(item, "action_id", c.action().id());
        return item;
    }

    private TransactWriteItem put(Map<String, AttributeValue> key, Map<String, AttributeValue> attributes, Instant now,
                                  long stale) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(key);
        return TransactWriteItem.builder().put(b -> b.tableName(table).item(item).conditionExpression(FREE)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":now", n(now.toEpochMilli()), ":stale", n(stale)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
    }

    private Claim transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return new Claim(true, null);
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        Map<String, AttributeValue> existing = reasons.get(i).hasItem() && !reasons.get(i).item().isEmpty()
                                ? reasons.get(i).item() : get(keyOf(items.get(i))).orElse(null);
                        return new Claim(false, existing);
                    }
                }
                backOffOrThrow(attempt, cancelled);
            } catch (TransactionConflictException conflict) {
                backOffOrThrow(attempt, conflict);
            }
        }
    }

    /** Another transaction on the same items was in flight: try again shortly, then let the event be retried. */
    private static void backOffOrThrow(int attempt, RuntimeException cause) {
        if (attempt >= CONFLICT_ATTEMPTS) {
            throw new WelcomeRetryException("welcome claim kept conflicting with another one: " + cause.getMessage(), cause);
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WelcomeRetryException("interrupted while claiming", e);
        }
    }

    private static Map<String, AttributeValue> keyOf(TransactWriteItem item) {
        Map<String, AttributeValue> source = item.put() != null ? item.put().item() : item.conditionCheck().key();
        return Map.of(TableKeys.PK, source.get(TableKeys.PK), TableKeys.SK, source.get(TableKeys.SK));
    }

    /** Moves our claim on the platform record to its final status; false if the claim is no longer ours. */
    public boolean finish(FirstContribution c, String claimId, String status, Map<String, AttributeValue> attributes) {
        return finish(key(c.platform(), c.identity()), claimId, status, attributes);
    }

    /** Moves our claim on one item to its final status with the given attributes; false if the claim is no longer ours. */
    public boolean finish(Map<String, AttributeValue> key, String claimId, String status, Map<String, AttributeValue> attributes) {
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
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression(set.toString())
                    .conditionExpression("claim_id = :me AND #status = :claimed")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** Deletes our claim on the platform record so a retry can claim again; a no-op if it is no longer ours. */
    public void release(FirstContribution c, String claimId) {
        release(key(c.platform(), c.identity()), claimId);
    }

    /** Deletes our claim on one item; a no-op if it is no longer ours. */
    public void release(Map<String, AttributeValue> key, String claimId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key)
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
        return get(key(platform, identity));
    }

    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
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
