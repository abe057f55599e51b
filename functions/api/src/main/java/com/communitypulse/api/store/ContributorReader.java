package com.communitypulse.api.store;

import com.communitypulse.api.domain.Identities;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Read-only views of the table for the API: profiles by any identity, leaderboards by GSI Query. */
public final class ContributorReader {
    /** A leaderboard period. */
    public enum Period {
        WEEK, MONTH, ALL;

        String board(Instant now) {
            return switch (this) {
                case WEEK -> TableKeys.weekBoard(TableKeys.isoWeek(now));
                case MONTH -> TableKeys.monthBoard(TableKeys.month(now));
                case ALL -> TableKeys.LB_ALL;
            };
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public ContributorReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The identity's own PROFILE item as stored (a link stub for a linked identity), by {@code platform:id}. */
    public Optional<Map<String, AttributeValue>> ownProfileItem(String identity) {
        return Optional.ofNullable(get(TableKeys.person(identity), TableKeys.PROFILE));
    }

    /**
     * True when the identity has its {@code OWN} item: the records of its own a link keeps, so an unlink can give them
     * back (links made before they were kept have none).
     */
    public boolean ownRecordsKept(String identity) {
        return get(TableKeys.person(identity), TableKeys.OWN) != null;
    }

    /** The PROFILE item of the person behind {@code id} ({@code platform:id} or {@code platform:@login}), or empty. */
    public Optional<Map<String, AttributeValue>> profileItem(String id) {
        String identity = id;
        if (Identities.isLoginForm(id)) {
            Map<String, AttributeValue> login = get(TableKeys.login(Identities.platform(id), Identities.login(id)), TableKeys.LOGIN);
            if (login == null || !login.containsKey(LoginItem.IDENTITY)) {
                return Optional.empty();
            }
            identity = login.get(LoginItem.IDENTITY).s();
        }
        Map<String, AttributeValue> profile = get(TableKeys.person(identity), TableKeys.PROFILE);
        if (profile != null && profile.containsKey(LinkItem.LINKED_TO)) {
            profile = get(TableKeys.person(profile.get(LinkItem.LINKED_TO).s()), TableKeys.PROFILE);
        }
        if (profile == null || !profile.containsKey(ProfileItem.LAST_ACTIVE)) {
            return Optional.empty();
        }
        return Optional.of(profile);
    }

    /** The person behind {@code id} ({@code platform:id} or {@code platform:@login}), or empty. */
    public Optional<ObjectNode> contributor(String id, Instant now) {
        Optional<Map<String, AttributeValue>> found = profileItem(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> profile = found.get();
        String person = profile.get(ProfileItem.ID).s();
        String week = TableKeys.isoWeek(now);
        Map<String, AttributeValue> weekItem = get(TableKeys.person(person), TableKeys.weekSortKey(week));

        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", person);
        out.put("login", s(profile, ProfileItem.LOGIN));
        out.put("platform", s(profile, ProfileItem.PLATFORM));
        out.put("kind", s(profile, ProfileItem.KIND));
        out.put("score", n(profile, ProfileItem.SCORE));
        out.put("week", week);
        out.put("week_score", n(weekItem, PeriodItem.SCORE));
        ObjectNode counts = out.putObject("counts");
        new TreeMap<>(profile).forEach((name, value) -> {
            if (name.startsWith(ProfileItem.COUNT_PREFIX) && value.n() != null) {
                counts.put(name.substring(ProfileItem.COUNT_PREFIX.length()), Long.parseLong(value.n()));
            }
        });
        out.put("tier", s(profile, ProfileItem.TIER));
        ArrayNode history = out.putArray("tier_history");
        if (profile.containsKey(ProfileItem.TIER_HISTORY)) {
            for (AttributeValue step : profile.get(ProfileItem.TIER_HISTORY).l()) {
                history.addObject().put("tier", step.m().get(ProfileItem.STEP_TIER).s())
                        .put("at", step.m().get(ProfileItem.STEP_AT).s());
            }
        }
        out.put("first_seen", s(profile, ProfileItem.FIRST_SEEN));
        out.put("last_active", s(profile, ProfileItem.LAST_ACTIVE));
        ArrayNode identities = out.putArray("identities");
        set(profile, ProfileItem.IDENTITIES).forEach(identities::add);
        ArrayNode platforms = out.putArray("platforms");
        set(profile, ProfileItem.PLATFORMS).forEach(platforms::add);
        out.put("welcomed", profile.containsKey(ProfileItem.WELCOMED_AT));
        out.put("welcomed_at", s(profile, ProfileItem.WELCOMED_AT));
        // the maintainers' CRM id (POST /admin/people/{id}/crm): behind the key like this route, never on /public/
        out.put("crm_id", s(profile, ProfileItem.CRM_ID));
        return Optional.of(out);
    }

    /**
     * The person's score per ISO week, oldest first: one Query on their {@code WEEK#} items (which expire with
     * the activity they sum), with the number of days they acted in each week.
     */
    public Optional<ObjectNode> activity(String id) {
        Optional<Map<String, AttributeValue>> found = profileItem(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String person = found.get().get(ProfileItem.ID).s();
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", person);
        out.put("login", s(found.get(), ProfileItem.LOGIN));
        ArrayNode weeks = out.putArray("weeks");
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :w)")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.person(person)),
                            ":w", AttributeValue.fromS(TableKeys.weekSortKey(""))));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                weeks.addObject().put("week", item.get(TableKeys.SK).s().substring(TableKeys.weekSortKey("").length()))
                        .put("score", n(item, PeriodItem.SCORE))
                        .put("days_active", set(item, PeriodItem.DAYS).size());
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return Optional.of(out);
    }

    /** One page of a leaderboard, highest first: a Query on the {@code leaderboard} GSI, never a Scan. */
    public ObjectNode leaderboard(Period period, int limit, String cursor, Instant now) {
        String board = period.board(now);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(TableKeys.LEADERBOARD_INDEX)
                .keyConditionExpression("#b = :b")
                .expressionAttributeNames(Map.of("#b", TableKeys.LB_PK))
                .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(board)))
                .scanIndexForward(false)
                .limit(limit);
        if (cursor != null) {
            query.exclusiveStartKey(LeaderboardCursor.decode(cursor, board));
        }
        QueryResponse response = dynamo.query(query.build());
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("period", period.name().toLowerCase(java.util.Locale.ROOT));
        out.put("board", board);
        ArrayNode items = out.putArray("items");
        for (Map<String, AttributeValue> item : response.items()) {
            // WEEK#/MONTH# items, or PROFILE items on the all-time board: the same names
            items.addObject()
                    .put("id", s(item, PeriodItem.ID))
                    .put("login", s(item, PeriodItem.LOGIN))
                    .put("platform", s(item, PeriodItem.PLATFORM))
                    .put("score", n(item, PeriodItem.LB_SCORE))
                    .put("tier", s(item, PeriodItem.TIER));
        }
        out.put("next", response.hasLastEvaluatedKey() ? LeaderboardCursor.encode(response.lastEvaluatedKey()) : null);
        return out;
    }

    /** The backfills' state items on the same client and table ({@code GET /backfill}). */
    public BackfillReader backfillReader() {
        return new BackfillReader(dynamo, table);
    }

    /** The exports' reads on the same client and table; {@code erasureSalt} hashes the erasure markers they check. */
    public ExportReader exportReader(String erasureSalt) {
        return new ExportReader(dynamo, table, erasureSalt);
    }

    /** The link suggestions' reads on the same client and table ({@code GET /admin/identities/suggestions}). */
    public SuggestionReader suggestionReader() {
        return new SuggestionReader(dynamo, table);
    }

    /** The digest's reads on the same client and table (for the bus factor). */
    public DigestStore digestStore() {
        return new DigestStore(dynamo, table);
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        var response = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(TableKeys.PK, AttributeValue.fromS(pk), TableKeys.SK, AttributeValue.fromS(sk))));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        return item == null || !item.containsKey(name) ? null : item.get(name).s();
    }

    private static BigDecimal n(Map<String, AttributeValue> item, String name) {
        return item == null || !item.containsKey(name) ? BigDecimal.ZERO : new BigDecimal(item.get(name).n());
    }

    private static TreeSet<String> set(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && item.get(name).hasSs() ? new TreeSet<>(item.get(name).ss()) : new TreeSet<>();
    }
}
