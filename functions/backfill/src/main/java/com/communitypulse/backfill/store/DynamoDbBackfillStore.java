package com.communitypulse.backfill.store;

import com.communitypulse.backfill.domain.BackfillState;
import com.communitypulse.backfill.domain.Cursor;
import com.communitypulse.backfill.domain.HistoryMapper.Author;
import com.communitypulse.backfill.domain.Phase;
import com.communitypulse.shared.store.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link BackfillStore} in the one table (layout in {@link TableKeys}):
 * <ul>
 * <li>{@code BACKFILL} / {@code {platform}#{source}}: the state item, one partition for all, so {@code GET /backfill}
 *     and the resume schedule read them with one Query; written whole (PutItem) on condition of the lease;</li>
 * <li>{@code BACKFILL#{platform}#{source}} / {@code ETAG#{page}}: a page's {@code etag}, {@code items} and the
 *     cursor after it ({@code next_phase}, {@code next_page}, {@code next_since}, {@code next_seen});</li>
 * <li>{@code BACKFILL#{platform}#{source}} / {@code AUTHOR#{number}}: {@code id}, {@code login}, {@code type},
 *     {@code pr} of an issue or PR, 90-day TTL (a comment on one no longer known costs one {@code GET} of it).</li>
 * </ul>
 */
public final class DynamoDbBackfillStore implements BackfillStore {
    static final Duration AUTHOR_KEEP = Duration.ofDays(90);
    private static final int GET_BATCH = 100;
    private static final int WRITE_BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbBackfillStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<BackfillState> state(String platform, String source) {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableKeys.BACKFILL, TableKeys.backfillState(platform, source)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decode(item));
    }

    @Override
    public List<BackfillState> all() {
        List<BackfillState> states = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.BACKFILL))).exclusiveStartKey(from));
            page.items().forEach(item -> states.add(decode(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return states;
    }

    @Override
    public boolean start(BackfillState state, Long expectedStep) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>(Map.of("#pk", TableKeys.PK));
        String condition = "attribute_not_exists(#pk)";
        if (expectedStep != null) {
            condition = "#step = :expected AND (attribute_not_exists(#until) OR #until < :now)";
            names = new HashMap<>(Map.of("#step", "step", "#until", "lease_until"));
            values.put(":expected", n(expectedStep));
            values.put(":now", n(state.updatedAt.toEpochMilli()));
        }
        try {
            var n = names;
            var c = condition;
            dynamo.putItem(p -> p.tableName(table).item(encode(state, null)).conditionExpression(c)
                    .expressionAttributeNames(n).expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<BackfillState> claim(String platform, String source, long step, String lease, Instant leaseUntil,
                                         Instant now) {
        try {
            var item = dynamo.updateItem(u -> u.tableName(table)
                    .key(key(TableKeys.BACKFILL, TableKeys.backfillState(platform, source)))
                    .updateExpression("SET #lease = :lease, #until = :until")
                    .conditionExpression("#step = :step AND #status IN (:running, :waiting)"
                            + " AND (attribute_not_exists(#until) OR #until < :now)")
                    .expressionAttributeNames(Map.of("#lease", "lease", "#until", "lease_until", "#step", "step",
                            "#status", "status"))
                    .expressionAttributeValues(Map.of(":lease", s(lease), ":until", n(leaseUntil.toEpochMilli()),
                            ":step", n(step), ":now", n(now.toEpochMilli()), ":running", s("running"), ":waiting", s("waiting")))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(decode(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(BackfillState state, String lease, boolean release) {
        if (release) {
            state.leaseUntil = null;
        }
        try {
            dynamo.putItem(p -> p.tableName(table).item(encode(state, release ? null : lease))
                    .conditionExpression("#lease = :lease").expressionAttributeNames(Map.of("#lease", "lease"))
                    .expressionAttributeValues(Map.of(":lease", s(lease))));
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLost("backfill " + state.platform + "#" + state.source + " is held by another invocation");
        }
    }

    @Override
    public Optional<PageMark> pageMark(String platform, String source, String page) {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableKeys.backfill(platform, source), "ETAG#" + page))).item();
        if (item == null || item.isEmpty() || !item.containsKey("etag")) {
            return Optional.empty();
        }
        Phase phase = Phase.valueOf(str(item, "next_phase"));
        Cursor next = new Cursor(phase, str(item, "next_page"), instant(item, "next_since"), ids(str(item, "next_seen")));
        return Optional.of(new PageMark(str(item, "etag"), next, (int) num(item, "items")));
    }

    @Override
    public void savePageMark(String platform, String source, String page, PageMark mark) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableKeys.backfill(platform, source), "ETAG#" + page));
        item.put("etag", s(mark.etag()));
        item.put("items", n(mark.items()));
        item.put("next_phase", s(mark.next().phase().name()));
        put(item, "next_page", mark.next().page());
        put(item, "next_since", mark.next().since() == null ? null : mark.next().since().toString());
        put(item, "next_seen", join(mark.next().seen()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Map<Long, Author> authors(String platform, String source, Collection<Long> numbers) {
        String pk = TableKeys.backfill(platform, source);
        List<Map<String, AttributeValue>> keys = numbers.stream().distinct()
                .map(number -> key(pk, "AUTHOR#" + number)).toList();
        Map<Long, Author> found = new HashMap<>();
        for (int i = 0; i < keys.size(); i += GET_BATCH) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(i + GET_BATCH, keys.size()))).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round > 10) {
                    throw new IllegalStateException("DynamoDB left keys unprocessed after 10 rounds");
                }
                var request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                for (var item : response.responses().getOrDefault(table, List.of())) {
                    long number = Long.parseLong(str(item, TableKeys.SK).substring("AUTHOR#".length()));
                    found.put(number, new Author(number, num(item, "id"), str(item, "login"), str(item, "type"),
                            item.containsKey("pr") && Boolean.TRUE.equals(item.get("pr").bool())));
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                pause(round, pending.isEmpty());
            }
        }
        return found;
    }

    @Override
    public void saveAuthors(String platform, String source, Collection<Author> authors, Instant now) {
        String pk = TableKeys.backfill(platform, source);
        long expires = now.plus(AUTHOR_KEEP).getEpochSecond();
        Map<Long, WriteRequest> byNumber = new java.util.LinkedHashMap<>(); // one write per key in a batch
        for (Author author : authors) {
            Map<String, AttributeValue> item = new HashMap<>(key(pk, "AUTHOR#" + author.number()));
            item.put("id", n(author.id()));
            item.put("login", s(author.login()));
            item.put("type", s(author.type() == null ? "User" : author.type()));
            item.put("pr", AttributeValue.fromBool(author.pullRequest()));
            item.put(TableKeys.TTL, n(expires));
            byNumber.put(author.number(), WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        List<WriteRequest> writes = new ArrayList<>(byNumber.values());
        for (int i = 0; i < writes.size(); i += WRITE_BATCH) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(i, Math.min(i + WRITE_BATCH, writes.size())));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round > 10) {
                    throw new IllegalStateException("DynamoDB left writes unprocessed after 10 rounds");
                }
                var request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                pause(round, pending.isEmpty());
            }
        }
    }

    // --- the state item ------------------------------------------------------------------------------

    static Map<String, AttributeValue> encode(BackfillState state, String lease) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableKeys.BACKFILL, TableKeys.backfillState(state.platform, state.source)));
        item.put("platform", s(state.platform));
        item.put("source", s(state.source));
        item.put("status", s(state.status.name().toLowerCase(Locale.ROOT)));
        item.put("step", n(state.step));
        Cursor cursor = state.cursor;
        item.put("phase", s(cursor.phase().name().toLowerCase(Locale.ROOT)));
        put(item, "page", cursor.page());
        put(item, "position_since", iso(cursor.since()));
        put(item, "seen", join(cursor.seen()));
        put(item, "run_since", iso(state.runSince));
        put(item, "started_at", iso(state.startedAt));
        put(item, "run_started_at", iso(state.runStartedAt));
        put(item, "finished_at", iso(state.finishedAt));
        put(item, "updated_at", iso(state.updatedAt));
        put(item, "resume_after", iso(state.resumeAfter));
        put(item, "last_error", state.lastError);
        item.put("items_fetched", n(state.itemsFetched));
        item.put("events_published", n(state.eventsPublished));
        item.put("pages", n(state.pages));
        item.put("pages_unchanged", n(state.pagesUnchanged));
        item.put("requests", n(state.requests));
        item.put("skipped", n(state.skipped));
        item.put("runs", n(state.runs));
        if (state.rateRemaining != null) {
            item.put("rate_remaining", n(state.rateRemaining));
        }
        if (state.rateFloor != null) {
            item.put("rate_floor", n(state.rateFloor));
        }
        put(item, "rate_reset", iso(state.rateReset));
        item.put("phase_pages_left", n(state.phasePagesLeft));
        item.put("busy_seconds", AttributeValue.fromN(Double.toString(state.busySeconds)));
        put(item, "repository", state.repositoryJson);
        put(item, "repository_etag", state.repositoryEtag);
        put(item, "last_completed_run_started_at", iso(state.lastCompletedRunStartedAt));
        if (lease != null && state.leaseUntil != null) {
            item.put("lease", s(lease));
            item.put("lease_until", n(state.leaseUntil.toEpochMilli()));
        }
        return item;
    }

    static BackfillState decode(Map<String, AttributeValue> item) {
        BackfillState state = new BackfillState(str(item, "platform"), str(item, "source"));
        state.status = BackfillState.Status.valueOf(str(item, "status").toUpperCase(Locale.ROOT));
        state.step = num(item, "step");
        Phase phase = Phase.valueOf(str(item, "phase").toUpperCase(Locale.ROOT));
        state.cursor = new Cursor(phase, str(item, "page"), instant(item, "position_since"), ids(str(item, "seen")));
        state.runSince = instant(item, "run_since");
        state.startedAt = instant(item, "started_at");
        state.runStartedAt = instant(item, "run_started_at");
        state.finishedAt = instant(item, "finished_at");
        state.updatedAt = instant(item, "updated_at");
        state.resumeAfter = instant(item, "resume_after");
        state.lastError = str(item, "last_error");
        state.itemsFetched = num(item, "items_fetched");
        state.eventsPublished = num(item, "events_published");
        state.pages = num(item, "pages");
        state.pagesUnchanged = num(item, "pages_unchanged");
        state.requests = num(item, "requests");
        state.skipped = num(item, "skipped");
        state.runs = (int) num(item, "runs");
        state.rateRemaining = item.containsKey("rate_remaining") ? (int) num(item, "rate_remaining") : null;
        state.rateFloor = item.containsKey("rate_floor") ? (int) num(item, "rate_floor") : null;
        state.rateReset = instant(item, "rate_reset");
        state.phasePagesLeft = (int) num(item, "phase_pages_left");
        state.busySeconds = item.containsKey("busy_seconds") ? Double.parseDouble(item.get("busy_seconds").n()) : 0;
        state.repositoryJson = str(item, "repository");
        state.repositoryEtag = str(item, "repository_etag");
        state.lastCompletedRunStartedAt = instant(item, "last_completed_run_started_at");
        state.leaseUntil = item.containsKey("lease_until") ? Instant.ofEpochMilli(num(item, "lease_until")) : null;
        return state;
    }

    // --- attribute helpers ---------------------------------------------------------------------------

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableKeys.PK, s(pk), TableKeys.SK, s(sk));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String join(Set<Long> ids) {
        return ids.isEmpty() ? null : ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Set<Long> ids(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(Long::parseLong).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = str(item, name);
        return text == null ? null : Instant.parse(text);
    }

    private static void pause(int round, boolean done) {
        if (done) {
            return;
        }
        try {
            Thread.sleep(50L * (round + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while DynamoDB throttled the backfill", e);
        }
    }
}
