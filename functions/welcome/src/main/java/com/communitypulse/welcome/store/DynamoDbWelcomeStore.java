package com.communitypulse.welcome.store;

import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.WelcomeRetryException;
import com.communitypulse.welcome.platform.http.OutboundRequest;
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
 * {@link WelcomeStore} on the contributor table: people are read as the scorer left them ({@link People}),
 * and each claim item is claimed with a conditional put (a welcome's two in one transaction), moved to its
 * final status with a conditional update and released with a conditional delete.
 * <ul>
 * <li>{@code WELCOME#{platform}#{identity}} / {@code WELCOME}: the per-platform record (operators read it);</li>
 * <li>{@code WELCOME#PERSON#{person}} / {@code WELCOME}: the per-person claim, put in the same transaction,
 *     with a condition check that no other identity of the person holds a welcome, so two platforms
 *     racing for one person cannot both post;</li>
 * <li>{@code CELEBRATE#{milestone}#{person}} / {@code CELEBRATE}: a milestone celebrated once per person.</li>
 * </ul>
 */
public final class DynamoDbWelcomeStore implements WelcomeStore {
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
    private final People people;

    /** A store that checks erasure markers made with {@code erasureSalt} (the template default when null or blank). */
    public DynamoDbWelcomeStore(DynamoDbClient dynamo, String table, String erasureSalt) {
        this.dynamo = dynamo;
        this.table = table;
        this.people = new People(dynamo, table, erasureSalt);
    }

    /** With the template's default erasure salt (tests and tools that only read claims). */
    public DynamoDbWelcomeStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    @Override
    public Person person(String identity, String eventPerson) {
        return people.resolve(identity, eventPerson);
    }

    static Map<String, AttributeValue> key(Key key) {
        return Map.of(TableKeys.PK, s(key.pk()), TableKeys.SK, s(key.sk()));
    }

    /** Identities look like {@code platform:id}; their platform record is {@code WELCOME#platform#identity}. */
    static Map<String, AttributeValue> identityKey(String identity) {
        int colon = identity.indexOf(':');
        return key(Key.welcome(colon > 0 ? identity.substring(0, colon) : identity, identity));
    }

    /** Claims the welcome of {@code c} for its own person only (no other identities known), held until {@code leaseUntil}. */
    public Claim claim(FirstContribution c, String claimId, Instant now, Instant leaseUntil) {
        return claimWelcome(c, c.person(), List.of(), claimId, now, leaseUntil);
    }

    /** One transaction; the first failed condition's item is the claim's existing one. */
    @Override
    public Claim claimWelcome(FirstContribution c, String person, List<String> otherIdentities, String claimId, Instant now,
                              Instant leaseUntil) {
        Map<String, AttributeValue> attributes = attributes(c, person, claimId, now, leaseUntil);
        List<TransactWriteItem> items = new ArrayList<>();
        long stale = now.minus(LEGACY_STALE_CLAIM).toEpochMilli();
        items.add(put(key(Key.welcome(c.platform(), c.identity())), attributes, now, stale));
        items.add(put(key(Key.person(person)), attributes, now, stale));
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

    /** One conditional put. */
    @Override
    public Claim claimCelebration(String milestone, FirstContribution c, String person, String claimId, Instant now,
                                  Instant leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>(attributes(c, person, claimId, now, leaseUntil));
        item.put("milestone", s(milestone));
        Map<String, AttributeValue> key = key(Key.celebration(milestone, person));
        item.putAll(key);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(FREE)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":now", n(now.toEpochMilli()),
                            ":stale", n(now.minus(LEGACY_STALE_CLAIM).toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.OURS;
        } catch (ConditionalCheckFailedException taken) {
            return takenBy(taken.hasItem() ? taken.item() : get(key).orElse(null));
        }
    }

    /** The claim someone else holds: the item that stopped ours (null when it could not be read). */
    static Claim takenBy(Map<String, AttributeValue> existing) {
        if (existing == null) {
            return new Claim(false, null, "unknown", null);
        }
        AttributeValue status = existing.get("status");
        AttributeValue lease = existing.get("lease_until_ms");
        return new Claim(false, existing.get(TableKeys.PK).s(), status == null ? "unknown" : status.s(),
                lease == null ? null : Instant.ofEpochMilli(Long.parseLong(lease.n())));
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
                return Claim.OURS;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        Map<String, AttributeValue> existing = reasons.get(i).hasItem() && !reasons.get(i).item().isEmpty()
                                ? reasons.get(i).item() : get(keyOf(items.get(i))).orElse(null);
                        return takenBy(existing);
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

    @Override
    public boolean recordSent(Key key, String claimId, Instant sentAt, String responseId, String responseUrl, String note) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("sent_at", s(sentAt.toString()));
        putIfNotNull(attributes, "response_id", responseId);
        putIfNotNull(attributes, "response_url", responseUrl);
        putIfNotNull(attributes, "note", note);
        return finish(key(key), claimId, SENT, attributes);
    }

    @Override
    public boolean recordFailed(Key key, String claimId, Instant failedAt, String reason, int httpStatus) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("failed_at", s(failedAt.toString()));
        attributes.put("reason", s(reason));
        attributes.put("http_status", n(httpStatus));
        return finish(key(key), claimId, FAILED, attributes);
    }

    /** Each request as {@code {method, url, body}}, its URL as displayed (secrets redacted). */
    @Override
    public boolean recordDryRun(Key key, String claimId, Instant recordedAt, String why, List<OutboundRequest> requests) {
        List<AttributeValue> recorded = new ArrayList<>();
        for (OutboundRequest r : requests) {
            recorded.add(AttributeValue.fromM(Map.of(
                    "method", s(r.method()),
                    "url", s(r.displayUrl()),
                    "body", s(r.body()))));
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("recorded_at", s(recordedAt.toString()));
        attributes.put("dry_run_reason", s(why));
        attributes.put("requests", AttributeValue.fromL(recorded));
        return finish(key(key), claimId, DRY_RUN, attributes);
    }

    /** Moves our claim on one item to its final status with the given attributes; false if the claim is no longer ours. */
    private boolean finish(Map<String, AttributeValue> key, String claimId, String status, Map<String, AttributeValue> attributes) {
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

    /** Deletes our claim on one item; a no-op if it is no longer ours. */
    @Override
    public void release(Key key, String claimId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(key))
                    .conditionExpression("claim_id = :me AND #status = :claimed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":me", s(claimId), ":claimed", s(CLAIMED))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Someone else's claim or a final status: leave it.
        }
    }

    @Override
    public boolean markWelcomed(String person, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(TableKeys.PK, s(TableKeys.person(person)), TableKeys.SK, s(TableKeys.PROFILE)))
                    .updateExpression("SET #w = if_not_exists(#w, :now)")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#w", ProfileItem.WELCOMED_AT, "#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException noProfile) {
            return false;
        }
    }

    /** The platform record of an identity, as stored (tests and operators read it). */
    public Optional<Map<String, AttributeValue>> get(String platform, String identity) {
        return get(Key.welcome(platform, identity));
    }

    /** One claim item, as stored. */
    public Optional<Map<String, AttributeValue>> get(Key key) {
        return get(key(key));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putIfNotNull(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isBlank()) {
            item.put(name, s(value));
        }
    }
}
