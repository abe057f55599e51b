package com.communitypulse.shared.figures;

import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.ItemAttributes.ThreadItem;
import com.communitypulse.shared.store.TableKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The digest's reads: one Query per {@code DAY#} partition of the window (never a Scan, so the cost
 * follows the window's activity, not the table's history) and BatchGetItem for THREAD and PROFILE items.
 */
public final class DigestStore {
    private static final Logger LOG = LoggerFactory.getLogger(DigestStore.class);
    /** BatchGetItem takes at most 100 keys. */
    private static final int BATCH = 100;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public DigestStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The GitHub reconciler's counts of the week ({@code INGEST#{week}}), absent when it did not run. */
    public Optional<IngestCounts> ingest(String isoWeek) {
        var item = dynamo.getItem(g -> g.tableName(table).key(Map.of(
                TableKeys.PK, AttributeValue.builder().s(TableKeys.ingest(isoWeek)).build(),
                TableKeys.SK, AttributeValue.builder().s(TableKeys.INGEST).build()))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IngestCounts.of(item));
    }

    /** Activity items of every day from {@code from} to {@code toInclusive}, following pagination. */
    public List<Activity> activity(LocalDate from, LocalDate toInclusive) {
        List<Activity> items = new ArrayList<>();
        int unreadable = 0;
        for (LocalDate day = from; !day.isAfter(toInclusive); day = day.plusDays(1)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                        .expressionAttributeValues(Map.of(":pk", s(TableKeys.day(day))))
                        .exclusiveStartKey(startKey)
                        .build());
                for (var item : page.items()) {
                    Activity a = activity(item);
                    if (a.ts() == null) {
                        unreadable++;
                    } else {
                        items.add(a);
                    }
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        if (unreadable > 0) {
            LOG.warn("{} activity items from {} to {} have no readable ts and are left out of the digest",
                    unreadable, from, toInclusive);
        }
        return items;
    }

    public Map<String, ThreadInfo> threads(Collection<String> threadIds) {
        Map<String, ThreadInfo> threads = new HashMap<>();
        for (var item : batchGet(threadIds, TableKeys::thread, TableKeys.THREAD)) {
            ThreadInfo t = thread(item);
            threads.put(t.thread(), t);
        }
        return threads;
    }

    /**
     * Profiles by identity. A linked identity's PROFILE only names its person ({@code linked_to}); those
     * persons are fetched in a second batch and returned under the linked identity.
     */
    public Map<String, Profile> profiles(Collection<String> identities) {
        Map<String, Profile> byIdentity = new HashMap<>();
        for (var item : batchGet(identities, TableKeys::person, TableKeys.PROFILE)) {
            String identity = str(item, TableKeys.PK).substring("PERSON#".length());
            byIdentity.put(identity, profile(item, identity));
        }
        Map<String, String> linked = new HashMap<>();
        byIdentity.forEach((identity, p) -> {
            if (p.linkedTo() != null) {
                linked.put(identity, p.linkedTo());
            }
        });
        if (!linked.isEmpty()) {
            Map<String, Profile> persons = new HashMap<>();
            for (var item : batchGet(new LinkedHashSet<>(linked.values()), TableKeys::person, TableKeys.PROFILE)) {
                String person = str(item, TableKeys.PK).substring("PERSON#".length());
                persons.put(person, profile(item, person));
            }
            linked.forEach((identity, person) -> byIdentity.put(identity,
                    persons.getOrDefault(person, new Profile(person, null, null, null))));
        }
        return byIdentity;
    }

    private List<Map<String, AttributeValue>> batchGet(Collection<String> ids, Function<String, String> pk, String sk) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int i = 0; i < distinct.size(); i += BATCH) {
            List<Map<String, AttributeValue>> keys = distinct.subList(i, Math.min(i + BATCH, distinct.size())).stream()
                    .map(id -> Map.of(TableKeys.PK, s(pk.apply(id)), TableKeys.SK, s(sk))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("DynamoDB left keys unprocessed after " + round + " BatchGetItem rounds");
                }
                backOff(round);
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static void backOff(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(50L << round, 2_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed keys", e);
        }
    }

    public static Activity activity(Map<String, AttributeValue> item) {
        return new Activity(
                str(item, ActivityItem.ACTION_ID), str(item, ActivityItem.PERSON), str(item, ActivityItem.LOGIN),
                str(item, ActivityItem.KIND), str(item, ActivityItem.PLATFORM), str(item, ActivityItem.TYPE),
                str(item, ActivityItem.REPO), num(item, ActivityItem.IMPACT), instant(item, ActivityItem.TS),
                bool(item, ActivityItem.FIRST), str(item, ActivityItem.THREAD), str(item, ActivityItem.URL),
                str(item, ActivityItem.FROM_TIER), str(item, ActivityItem.TO_TIER));
    }

    public static ThreadInfo thread(Map<String, AttributeValue> item) {
        String id = str(item, ThreadItem.THREAD);
        if (id == null) {
            id = str(item, TableKeys.PK).substring(TableKeys.thread("").length());
        }
        return new ThreadInfo(id, str(item, ThreadItem.PLATFORM), str(item, ThreadItem.REPO),
                instant(item, ThreadItem.OPENED_AT), str(item, ThreadItem.AUTHOR), str(item, ThreadItem.AUTHOR_LOGIN),
                str(item, ThreadItem.URL), instant(item, ThreadItem.FIRST_RESPONSE_AT),
                str(item, ThreadItem.FIRST_RESPONDER));
    }

    private static Profile profile(Map<String, AttributeValue> item, String identity) {
        String id = str(item, ProfileItem.ID);
        return new Profile(id != null ? id : identity, str(item, ProfileItem.LOGIN), str(item, ProfileItem.KIND),
                str(item, LinkItem.LINKED_TO));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static double num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Double.parseDouble(v.n());
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    /** ISO-8601 instants; a malformed one is treated as absent rather than failing the whole digest. */
    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (RuntimeException e) {
            try {
                return java.time.OffsetDateTime.parse(v).toInstant();
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    public static Set<String> identities(Collection<ThreadInfo> threads) {
        Set<String> ids = new LinkedHashSet<>();
        for (ThreadInfo t : threads) {
            if (t.author() != null) {
                ids.add(t.author());
            }
            if (t.firstResponder() != null) {
                ids.add(t.firstResponder());
            }
        }
        return ids;
    }
}
