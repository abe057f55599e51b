package com.communitypulse.reconcile.store;

import com.communitypulse.reconcile.domain.Hook;
import com.communitypulse.shared.store.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link ReconcileStore} in the one table (layout in {@link TableKeys}):
 * <ul>
 * <li>reads the webhook function's claims, {@code DELIVERY#github#{hookId}#{guid}} / {@code DELIVERY}
 *     ({@code state} {@code pending} or {@code done}, {@code claimed_at}, {@code expires_at}), never writes them;</li>
 * <li>its redelivery markers {@code RECONCILE#{hookId}#{guid}} / {@code RECONCILE} (attempts, outcome; 7-day TTL);</li>
 * <li>a checkpoint per hook, {@code RECONCILE#{hook}} / {@code CHECKPOINT} ({@code mark}: newest delivery counted);</li>
 * <li>the week's ingest counts {@code INGEST#{week}} / {@code INGEST}, which the digest reads.</li>
 * </ul>
 * Every count is written in one transaction with the item that makes it happen once (checkpoint, marker).
 */
public final class DynamoDbReconcileStore implements ReconcileStore {
    static final String PLATFORM = "github";
    /** The webhook function's claim attributes (DynamoDbDeliveryClaimStore there). */
    static final String STATE = "state";
    static final String CLAIMED_AT = "claimed_at";
    static final Duration MARKER_KEEP = Duration.ofDays(7);
    static final Duration COUNTS_KEEP = Duration.ofDays(400);
    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbReconcileStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Claims and markers for the hook's GUIDs, by GUID (BatchGetItem, 100 keys a call). */
    @Override
    public Map<String, Known> known(String hookId, Collection<String> guids) {
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String guid : guids) {
            keys.add(key(claimPk(hookId, guid), TableKeys.DELIVERY));
            keys.add(key(TableKeys.reconcile(hookId, guid), TableKeys.RECONCILE));
        }
        for (int i = 0; i < keys.size(); i += BATCH) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(i + BATCH, keys.size()))).consistentRead(true).build());
            int rounds = 0;
            while (!pending.isEmpty()) {
                var request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> byPk.put(item.get(TableKeys.PK).s(), item));
                pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
                if (!pending.isEmpty() && ++rounds > 10) {
                    throw new IllegalStateException("DynamoDB left keys unprocessed after 10 rounds");
                }
                if (!pending.isEmpty()) {
                    sleep(50L * rounds);
                }
            }
        }
        Map<String, Known> known = new LinkedHashMap<>();
        for (String guid : guids) {
            var claimItem = byPk.get(claimPk(hookId, guid));
            var markerItem = byPk.get(TableKeys.reconcile(hookId, guid));
            Claim claim = claimItem == null ? null
                    : new Claim(str(claimItem, STATE), num(claimItem, CLAIMED_AT), num(claimItem, TableKeys.TTL));
            Marker marker = markerItem == null ? null
                    : new Marker((int) num(markerItem, "attempts"), str(markerItem, "outcome"), str(markerItem, "week"),
                            str(markerItem, "requested_at") == null ? null : Instant.parse(str(markerItem, "requested_at")));
            known.put(guid, claim == null && marker == null ? Known.NOTHING : new Known(claim, marker));
        }
        return known;
    }

    /** The webhook function's claim key for a GitHub delivery: {@code DELIVERY#github#{X-GitHub-Hook-ID}#{X-GitHub-Delivery}}. */
    static String claimPk(String hookId, String guid) {
        return TableKeys.delivery(PLATFORM, hookId + "#" + guid);
    }

    @Override
    public Optional<Instant> mark(Hook hook) {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableKeys.reconcileCheckpoint(hook.id()), TableKeys.CHECKPOINT))).item();
        return item == null || !item.containsKey("mark") ? Optional.empty() : Optional.of(Instant.parse(item.get("mark").s()));
    }

    /**
     * Adds the newly seen deliveries to their weeks and moves the hook's mark from {@code oldMark} to
     * {@code newMark}, together or not at all.
     *
     * @return false when the mark had moved meanwhile (another run counted them): nothing written
     */
    @Override
    public boolean recordSeen(Hook hook, Optional<Instant> oldMark, Instant newMark, Map<String, WeekCounts> weeks,
                              boolean incomplete, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#mark", "mark"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":new", s(newMark.toString()), ":now", s(now.toString())));
        String condition = "attribute_not_exists(#mark)";
        if (oldMark.isPresent()) {
            condition = "#mark = :old";
            values.put(":old", s(oldMark.get().toString()));
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(TableKeys.reconcileCheckpoint(hook.id()), TableKeys.CHECKPOINT))
                .updateExpression("SET #mark = :new, run_at = :now")
                .conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        weeks.forEach((week, counts) -> {
            Map<String, AttributeValue> v = new HashMap<>(Map.of(
                    ":seen", n(counts.seen()), ":failed", n(counts.failed()), ":ttl", n(now.plus(COUNTS_KEEP).getEpochSecond())));
            String expression = "ADD #seen :seen, #failed :failed SET #ttl = :ttl";
            if (incomplete) {
                expression += ", incomplete = :true";
                v.put(":true", AttributeValue.builder().bool(true).build());
            }
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(TableKeys.ingest(week), TableKeys.INGEST))
                    .updateExpression(expression)
                    .expressionAttributeNames(Map.of("#seen", TableKeys.INGEST_SEEN, "#failed", TableKeys.INGEST_FAILED,
                            "#ttl", TableKeys.TTL))
                    .expressionAttributeValues(v).build()).build());
        });
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException moved) {
            if (moved.hasCancellationReasons() && "ConditionalCheckFailed".equals(moved.cancellationReasons().get(0).code())) {
                return false;
            }
            throw moved;
        }
    }

    /** GitHub accepted a redelivery request: one more attempt on the marker, one more request in the week. */
    @Override
    public void requested(String hookId, String guid, String week, Instant now) {
        dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(TableKeys.reconcile(hookId, guid), TableKeys.RECONCILE))
                        .updateExpression("ADD attempts :one SET requested_at = :now, #week = if_not_exists(#week, :week), #ttl = :ttl")
                        .expressionAttributeNames(Map.of("#ttl", TableKeys.TTL, "#week", "week"))
                        .expressionAttributeValues(Map.of(":one", n(1), ":now", s(now.toString()), ":week", s(week),
                                ":ttl", n(now.plus(MARKER_KEEP).getEpochSecond()))).build()).build(),
                weekAdd(week, TableKeys.INGEST_REQUESTED, now)));
    }

    /**
     * Settles a delivery once: {@code recovered} (it reached us after our redelivery) or {@code lost}.
     *
     * @return false when it was already settled
     */
    @Override
    public boolean settle(String hookId, String guid, String week, String outcome, Instant now) {
        String counter = "recovered".equals(outcome) ? TableKeys.INGEST_RECOVERED : TableKeys.INGEST_LOST;
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(key(TableKeys.reconcile(hookId, guid), TableKeys.RECONCILE))
                            .updateExpression("SET outcome = :outcome, settled_at = :now, #week = if_not_exists(#week, :week), "
                                    + "#ttl = if_not_exists(#ttl, :ttl)")
                            .conditionExpression("attribute_not_exists(outcome)")
                            .expressionAttributeNames(Map.of("#ttl", TableKeys.TTL, "#week", "week"))
                            .expressionAttributeValues(Map.of(":outcome", s(outcome), ":now", s(now.toString()),
                                    ":week", s(week), ":ttl", n(now.plus(MARKER_KEEP).getEpochSecond()))).build()).build(),
                    weekAdd(week, counter, now)));
            return true;
        } catch (TransactionCanceledException settled) {
            if (settled.hasCancellationReasons() && "ConditionalCheckFailed".equals(settled.cancellationReasons().get(0).code())) {
                return false;
            }
            throw settled;
        }
    }

    private TransactWriteItem weekAdd(String week, String counter, Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(TableKeys.ingest(week), TableKeys.INGEST))
                .updateExpression("ADD #counter :one SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#counter", counter, "#ttl", TableKeys.TTL))
                .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(now.plus(COUNTS_KEEP).getEpochSecond())))
                .build()).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, s(pk), TableKeys.SK, s(sk));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
