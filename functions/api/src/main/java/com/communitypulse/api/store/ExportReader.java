package com.communitypulse.api.store;

import com.communitypulse.api.domain.ActionRow;
import com.communitypulse.api.domain.PersonRow;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The exports' reads, one bounded page per request and never a Scan.
 *
 * <p>People: one Query of at most {@code limit} keys on the {@code leaderboard} index's all-time board
 * ({@code LB#ALL}: every person, never a bot nor a linked identity), lowest {@code lb_score} first, so a person
 * whose score rises while a client pages is seen twice rather than missed (ids are unique: de-duplicate by
 * {@code id}); then their PROFILE items in BatchGetItem rounds of 100 (the index projects no counts), and their
 * identities' erasure markers the same way.
 *
 * <p>Actions: one Query per {@code DAY#} partition from the cursor's day, each limited to what is left of
 * {@code limit} items read (tier changes are read but not exported), until {@code limit} items were read or the
 * range ends: an empty day costs one Query that reads nothing, so a 92-day range is at most 92 Queries.
 *
 * <p>Erased people: erasure deletes their items, profile last; an interrupted erasure leaves its
 * {@code ERASED#} markers (written first) with some items still there, so a row is left out when any of its
 * identities has a marker.
 */
public final class ExportReader {
    /** BatchGetItem's limit on keys per request. */
    static final int BATCH = 100;
    /** Rounds a BatchGetItem's unprocessed keys are retried, with a growing pause, before the page fails. */
    private static final int BATCH_ATTEMPTS = 8;

    /** One page: its rows in order and the cursor of the next page (null: the export is complete). */
    public record Page<T>(List<T> rows, String next) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final String salt;

    public ExportReader(DynamoDbClient dynamo, String table, String salt) {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("the erasure salt must not be empty");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.salt = salt;
    }

    /** A page of at most {@code limit} people from {@code startKey} ({@link ExportCursor#decodePeople}; null: the first). */
    public Page<PersonRow> people(int limit, Map<String, AttributeValue> startKey) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableKeys.LEADERBOARD_INDEX)
                .keyConditionExpression("#b = :b")
                .expressionAttributeNames(Map.of("#b", TableKeys.LB_PK, "#pk", TableKeys.PK))
                .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(TableKeys.LB_ALL)))
                .projectionExpression("#pk")
                .scanIndexForward(true)
                .limit(limit);
        if (startKey != null) {
            query.exclusiveStartKey(startKey);
        }
        QueryResponse page = dynamo.query(query.build());
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            keys.add(Map.of(TableKeys.PK, item.get(TableKeys.PK), TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)));
        }
        Map<String, Map<String, AttributeValue>> profiles = new HashMap<>();
        for (Map<String, AttributeValue> profile : batchGet(keys, null)) {
            profiles.put(profile.get(TableKeys.PK).s(), profile);
        }
        List<PersonRow> rows = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> profile = profiles.get(key.get(TableKeys.PK).s());
            // gone since the index was written (erased, or the index lags), or not a person's profile
            if (profile != null && profile.containsKey(ProfileItem.LAST_ACTIVE) && !profile.containsKey(LinkItem.LINKED_TO)) {
                rows.add(person(profile));
            }
        }
        Set<String> identities = new HashSet<>();
        for (PersonRow row : rows) {
            identities.add(row.id());
            identities.addAll(row.identities());
        }
        Set<String> erased = erased(identities);
        rows.removeIf(row -> erased.contains(row.id()) || row.identities().stream().anyMatch(erased::contains));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? ExportCursor.people(page.lastEvaluatedKey()) : null;
        return new Page<>(rows, next);
    }

    /**
     * A page of the actions recorded on the days {@code from} to {@code to} (inclusive, UTC), at most {@code limit}
     * activity items read, from {@code start} ({@link ExportCursor#decodeActions}, its day within the range; null: {@code from}).
     */
    public Page<ActionRow> actions(LocalDate from, LocalDate to, int limit, ExportCursor.ActionsStart start) {
        LocalDate day = start == null ? from : start.day();
        Map<String, AttributeValue> startKey = start == null ? null : start.startKey();
        int left = limit;
        List<ActionRow> rows = new ArrayList<>();
        while (!day.isAfter(to) && left > 0) {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .filterExpression("#t <> :tier")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#t", ActivityItem.TYPE))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.day(day)),
                            ":tier", AttributeValue.fromS(TableKeys.TIER_CHANGED)))
                    .limit(left);
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamo.query(query.build());
            page.items().forEach(item -> rows.add(action(item)));
            left -= page.scannedCount(); // the limit counts items read, the filtered-out tier changes too
            if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                startKey = page.lastEvaluatedKey();
            } else {
                day = day.plusDays(1);
                startKey = null;
            }
        }
        Set<String> identities = new HashSet<>();
        for (ActionRow row : rows) {
            identities.add(row.person());
            identities.add(row.actor());
        }
        identities.remove(null);
        Set<String> erased = erased(identities);
        rows.removeIf(row -> erased.contains(row.person()) || erased.contains(row.actor()));
        String next = day.isAfter(to) ? null
                : ExportCursor.actions(day, startKey == null ? null : startKey.get(TableKeys.SK).s());
        return new Page<>(rows, next);
    }

    /** The identities among these that have an erasure marker ({@link TableKeys#erased} with this salt). */
    private Set<String> erased(Collection<String> identities) {
        Map<String, String> byMarker = new HashMap<>();
        identities.forEach(identity -> byMarker.put(TableKeys.erased(salt, identity), identity));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        new TreeSet<>(byMarker.keySet()).forEach(pk -> keys.add(Map.of(TableKeys.PK, AttributeValue.fromS(pk),
                TableKeys.SK, AttributeValue.fromS(TableKeys.ERASED))));
        Set<String> erased = new HashSet<>();
        batchGet(keys, "#pk").forEach(marker -> erased.add(byMarker.get(marker.get(TableKeys.PK).s())));
        return erased;
    }

    /** The items with these keys, in rounds of {@link #BATCH}, unprocessed keys retried; {@code projection} null: whole items. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            KeysAndAttributes.Builder wanted = KeysAndAttributes.builder().keys(keys.subList(from, Math.min(keys.size(), from + BATCH)));
            if (projection != null) {
                wanted.projectionExpression(projection).expressionAttributeNames(Map.of("#pk", TableKeys.PK));
            }
            Map<String, KeysAndAttributes> request = Map.of(table, wanted.build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left keys unprocessed " + BATCH_ATTEMPTS + " times (throttled): try the page again");
                }
                if (attempt > 1) {
                    pause(attempt);
                }
                BatchGetItemResponse response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(25L << Math.min(attempt, 6)); // 100 ms, 200 ms, ... as DynamoDB asks of batch retries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed keys", e);
        }
    }

    private static PersonRow person(Map<String, AttributeValue> profile) {
        TreeMap<String, Long> counts = new TreeMap<>();
        profile.forEach((name, value) -> {
            if (name.startsWith(ProfileItem.COUNT_PREFIX) && value.n() != null) {
                counts.put(name.substring(ProfileItem.COUNT_PREFIX.length()), Long.parseLong(value.n()));
            }
        });
        List<String> logins = set(profile, ProfileItem.LOGINS).stream().map(PersonRow::loginId).sorted().toList();
        return new PersonRow(s(profile, ProfileItem.ID), s(profile, ProfileItem.LOGIN), s(profile, ProfileItem.PLATFORM),
                s(profile, ProfileItem.TIER), n(profile, ProfileItem.SCORE), counts, s(profile, ProfileItem.FIRST_SEEN),
                s(profile, ProfileItem.LAST_ACTIVE), set(profile, ProfileItem.IDENTITIES), set(profile, ProfileItem.PLATFORMS),
                logins, s(profile, ProfileItem.CRM_ID));
    }

    private static ActionRow action(Map<String, AttributeValue> item) {
        AttributeValue first = item.get(ActivityItem.FIRST);
        BigDecimal length = item.containsKey(ActivityItem.LENGTH) ? n(item, ActivityItem.LENGTH) : null;
        return new ActionRow(s(item, ActivityItem.ACTION_ID), s(item, ActivityItem.TS), s(item, ActivityItem.TYPE),
                s(item, ActivityItem.PLATFORM), s(item, ActivityItem.PERSON), s(item, ActivityItem.ACTOR),
                s(item, ActivityItem.LOGIN), s(item, ActivityItem.KIND), s(item, ActivityItem.REPO),
                n(item, ActivityItem.IMPACT), first == null ? null : first.bool(), s(item, ActivityItem.THREAD),
                s(item, ActivityItem.URL), length == null ? null : length.longValueExact(),
                s(item, ActivityItem.AUTHOR_ASSOCIATION), s(item, ActivityItem.CONFIG_VERSION),
                s(item, ActivityItem.TARGET), s(item, ActivityItem.LINK_RESULT), s(item, ActivityItem.BY),
                s(item, ActivityItem.WHY), s(item, ActivityItem.RESULT));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static BigDecimal n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    private static List<String> set(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? List.of() : List.copyOf(new TreeSet<>(value.ss()));
    }
}
