package com.communitypulse.score;

import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.score.Plan.Guard;
import com.communitypulse.score.Plan.Put;
import com.communitypulse.score.Plan.Update;
import com.communitypulse.score.Plan.Write;
import com.communitypulse.score.Profile.TierStep;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The monthly tier review (tier hysteresis): promotions happen at once when an action earns them; a
 * demotion happens only here, once a month, for the calendar month just ended, and only for a person who
 * held their tier since before that month began and whose points in every trailing
 * {@code demotion.window_days} window ending within the month stayed below their tier's
 * {@code demotion.min_points} (so a dip that recovers within the month never demotes). One tier down per
 * review. Each demotion is one transaction: a {@code tier_changed} activity item keyed by the review
 * ({@code {month after}T00:00:00Z#review-{month}-{person}.tier}, so a re-run of the same month demotes
 * nobody twice) with the profile's new tier and {@code tier_history} step, guarded by the profile's version;
 * then {@code contributor.tier_changed} is published (stored on the item until confirmed, as for actions).
 *
 * <p>Reads, never a Scan: the people on the all-time board (a Query on the {@code leaderboard} index,
 * {@code LB#ALL}: every person, never bots) and, when demotion is on, one Query per {@code DAY#} partition
 * from {@code window_days} before the month to its last day. With decay on it also refreshes each person's
 * all-time {@code lb_score} to the decayed total as of the new month.
 */
public final class TierReview {
    private static final Logger LOG = LoggerFactory.getLogger(TierReview.class);
    private static final int ATTEMPTS = 5;

    /** What one review did. */
    public record Result(YearMonth month, int people, int demoted, int alreadyReviewed, int rescored) {
    }

    /** A person's scored points at a time. */
    private record Point(Instant ts, BigDecimal impact) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ContributorStore store;
    private final EventPublisher publisher;
    private final ScoringConfig config;
    private final Duration retention;

    public TierReview(DynamoDbClient dynamo, String table, EventPublisher publisher, ScoringConfig config, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.store = new DynamoContributorStore(dynamo, table);
        this.publisher = publisher;
        this.config = config;
        this.retention = retention;
    }

    /** The review of the score function's environment (SCORING_CONFIG, RETENTION_DAYS, TABLE_NAME, EVENT_BUS_NAME). */
    public static TierReview fromEnv(com.communitypulse.shared.config.Env env, DynamoDbClient dynamo) {
        var events = com.communitypulse.shared.aws.AwsClients.configure(
                software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder(), env, "EVENTBRIDGE").build();
        return new TierReview(dynamo, env.require("TABLE_NAME"),
                new com.communitypulse.shared.events.EventBridgePublisher(events, env.require("EVENT_BUS_NAME")),
                ScoringConfig.parse(env.get("SCORING_CONFIG", "")), Duration.ofDays(env.getInt("RETENTION_DAYS", 400)));
    }

    /**
     * Runs the review a scheduled event asks for: {@code detail.month} ({@code yyyy-MM}) when given, else the
     * calendar month before the event's {@code time}.
     */
    public static Result run(TierReview review, Map<String, Object> envelope, Object detail) {
        if (review == null) {
            throw new IllegalStateException("this handler was built without a tier review");
        }
        Object month = detail instanceof Map<?, ?> d ? d.get("month") : null;
        YearMonth reviewed;
        try {
            reviewed = month != null ? YearMonth.parse(month.toString())
                    : YearMonth.from(java.time.OffsetDateTime.parse(String.valueOf(envelope.get("time")))).minusMonths(1);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("the scheduled event needs a 'time' (ISO-8601) or detail.month (yyyy-MM), got '"
                    + e.getParsedString() + "'");
        }
        return review.review(reviewed);
    }

    /** Reviews {@code month} (the calendar month just ended, UTC). */
    public Result review(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Tier> people = boardPeople();
        int demoted = 0;
        int already = 0;
        ScoringConfig.Demotion demotion = config.demotion();
        if (demotion.enabled()) {
            Map<String, List<Point>> points = null;
            for (Map.Entry<String, Tier> person : people.entrySet()) {
                BigDecimal threshold = demotion.threshold(person.getValue());
                if (threshold == null) {
                    continue;
                }
                if (points == null) {
                    points = points(start.minus(Duration.ofDays(demotion.windowDays())), end);
                }
                BigDecimal best = bestWindow(points.getOrDefault(person.getKey(), List.of()), start, end,
                        Duration.ofDays(demotion.windowDays()));
                if (best.compareTo(threshold) >= 0) {
                    continue;
                }
                switch (demote(person.getKey(), month, start, end, threshold, points)) {
                    case DEMOTED -> demoted++;
                    case ALREADY -> already++;
                    default -> { }
                }
            }
        }
        int rescored = config.decay().enabled() ? refreshDecay(people.keySet(), month.plusMonths(1)) : 0;
        LOG.info("tier review {} (config {}): {} people, {} demoted, {} already reviewed, {} re-ranked with decay",
                month, config.version(), people.size(), demoted, already, rescored);
        return new Result(month, people.size(), demoted, already, rescored);
    }

    /**
     * The most points the person had in any trailing window {@code (t - window, t]} with t in [start, end):
     * the sum only rises at an action, so t = start and each action time in the month are enough.
     */
    static BigDecimal bestWindow(List<Point> points, Instant start, Instant end, Duration window) {
        List<Instant> moments = new ArrayList<>();
        moments.add(start);
        for (Point p : points) {
            if (!p.ts().isBefore(start) && p.ts().isBefore(end)) {
                moments.add(p.ts());
            }
        }
        BigDecimal best = BigDecimal.ZERO;
        for (Instant t : moments) {
            Instant from = t.minus(window);
            BigDecimal sum = BigDecimal.ZERO;
            for (Point p : points) {
                if (p.ts().isAfter(from) && !p.ts().isAfter(t)) {
                    sum = sum.add(p.impact());
                }
            }
            best = best.max(sum);
        }
        return best;
    }

    private enum Outcome { DEMOTED, ALREADY, KEPT }

    private Outcome demote(String personId, YearMonth month, Instant start, Instant reviewAt, BigDecimal threshold,
                           Map<String, List<Point>> points) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Profile person = store.profile(personId);
            Tier tier = Tier.fromLabel(person.tier());
            if (!person.exists() || person.isLink() || tier == null || tier == Tier.USER) {
                return Outcome.KEPT;
            }
            // activity items written before a link name the linked identity as their person: count those too
            List<Point> all = new ArrayList<>(points.getOrDefault(personId, List.of()));
            person.identities().stream().filter(i -> !i.equals(personId))
                    .forEach(i -> all.addAll(points.getOrDefault(i, List.of())));
            BigDecimal best = bestWindow(all, start, reviewAt, Duration.ofDays(config.demotion().windowDays()));
            if (best.compareTo(threshold) >= 0) {
                return Outcome.KEPT;
            }
            Tier floor = listedTier(person);
            if (floor != null && floor.ordinal() >= tier.ordinal()) {
                return Outcome.KEPT;
            }
            if (!heldSince(person, tier, start)) {
                return Outcome.KEPT;
            }
            Tier to = Tier.values()[tier.ordinal() - 1];
            String at = reviewAt.toString();
            String reason = String.format(Locale.ROOT,
                    "demotion: at most %s points in any %d days of %s, below %s's %s (config %s)",
                    best.stripTrailingZeros().toPlainString(), config.demotion().windowDays(), month, tier.label(),
                    threshold.stripTrailingZeros().toPlainString(), config.version());
            String actionId = "review-" + month + "-" + personId;
            List<TierStep> history = new ArrayList<>(person.tierHistory());
            history.add(new TierStep(to.label(), at, reason));
            List<BusEvent> events = List.of(ActionPlanner.tierEvent(personId, person.login(), tier, to, at, reason));
            Put activity = ActionPlanner.tierActivity(reviewAt, actionId, personId, personId, person.login(),
                    person.platform(), tier, to, reason, reviewAt.plus(retention).getEpochSecond());
            Map<String, Object> item = new LinkedHashMap<>(activity.item());
            PendingEvents.attach(item, events);
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("version", person.version() + 1);
            set.put("tier", to.label());
            set.put("tier_history", history);
            String day = reviewAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
            // the review's day goes on the person's WEEK# item, as every action's does, so erasure finds this item
            Update week = new Update(TableKeys.person(personId), TableKeys.weekSortKey(TableKeys.isoWeek(reviewAt)),
                    Guard.NONE, Map.of(TableKeys.TTL, reviewAt.plus(retention).getEpochSecond()), Map.of("id", personId),
                    Map.of(), Map.of("days", Set.of(day)));
            List<Write> writes = List.of(new Put(activity.pk(), activity.sk(), item, Guard.ABSENT),
                    new Update(TableKeys.person(personId), TableKeys.PROFILE, ActionPlanner.versionGuard(person), set,
                            Map.of(), Map.of(), Map.of()), week);
            Plan plan = new Plan(writes, day, activity.sk(), BigDecimal.ZERO, events, "demoted");
            try {
                store.record(plan);
            } catch (ContributorStore.AlreadyRecorded recorded) {
                if (!recorded.pending().isEmpty()) {
                    publisher.publish(recorded.pending());
                    store.markPublished(recorded.day(), recorded.sortKey());
                }
                return Outcome.ALREADY;
            } catch (ContributorStore.Contention contention) {
                continue;
            }
            publisher.publish(events);
            store.markPublished(day, activity.sk());
            LOG.info("demoted {} from {} to {} for {}", personId, tier.label(), to.label(), month);
            return Outcome.DEMOTED;
        }
        throw new IllegalStateException("profile " + personId + " kept changing during the tier review; retry it");
    }

    /** The person has held {@code tier} since before {@code start}: the latest step into it is earlier. */
    private static boolean heldSince(Profile person, Tier tier, Instant start) {
        for (int i = person.tierHistory().size() - 1; i >= 0; i--) {
            TierStep step = person.tierHistory().get(i);
            if (!step.tier().equals(tier.label())) {
                return false;
            }
            // an equal tier earlier in the list is an older step into the same tier: keep looking back
            if (i == 0 || !person.tierHistory().get(i - 1).tier().equals(tier.label())) {
                return Instant.parse(step.at()).isBefore(start);
            }
        }
        return false;
    }

    /** The highest tier the config lists the person in (by identity or {@code platform:@login}), or null. */
    private Tier listedTier(Profile person) {
        if (listed(config.coreTeam(), person)) {
            return Tier.CORE_TEAM;
        }
        return listed(config.maintainers(), person) ? Tier.MAINTAINER : null;
    }

    private static boolean listed(Set<String> list, Profile person) {
        for (String entry : list) {
            if (person.identities().contains(entry) || entry.equals(person.id())) {
                return true;
            }
            int colon = entry.indexOf(':');
            if (colon > 0 && entry.startsWith("@", colon + 1)) {
                String key = entry.substring(0, colon) + "#" + entry.substring(colon + 2).toLowerCase(Locale.ROOT);
                if (person.logins().contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every person on the all-time board and their tier (bots are never on it). */
    private Map<String, Tier> boardPeople() {
        Map<String, Tier> people = new LinkedHashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableKeys.LEADERBOARD_INDEX)
                    .keyConditionExpression("#b = :b")
                    .expressionAttributeNames(Map.of("#b", TableKeys.LB_PK))
                    .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(TableKeys.LB_ALL)))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.containsKey("id") && item.containsKey("tier")) {
                    people.put(item.get("id").s(), Tier.fromLabel(item.get("tier").s()));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return people;
    }

    /** Scored points per person from {@code from} to {@code end}: one Query per DAY# partition. */
    private Map<String, List<Point>> points(Instant from, Instant end) {
        Map<String, List<Point>> byPerson = new HashMap<>();
        LocalDate last = end.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#p", "person", "#i", "impact", "#t", "ts"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.day(day))))
                        .projectionExpression("#p, #i, #t")
                        .exclusiveStartKey(startKey).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    if (!item.containsKey("person") || !item.containsKey("impact") || !item.containsKey("ts")) {
                        continue;
                    }
                    BigDecimal impact = new BigDecimal(item.get("impact").n());
                    if (impact.signum() > 0) {
                        byPerson.computeIfAbsent(item.get("person").s(), k -> new ArrayList<>())
                                .add(new Point(Instant.parse(item.get("ts").s()), impact));
                    }
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        return byPerson;
    }

    /** Sets each person's all-time {@code lb_score} to the decayed total as of {@code asOf}. */
    private int refreshDecay(Set<String> people, YearMonth asOf) {
        int n = 0;
        for (String id : people) {
            Profile p = store.profile(id);
            if (!p.exists() || p.isLink()) {
                continue;
            }
            BigDecimal decayed = ScoreBreakdown.decayedTotal(p.score(), p.tallies(), config.decay(), asOf);
            try {
                dynamo.updateItem(r -> r.tableName(table)
                        .key(Map.of(TableKeys.PK, AttributeValue.fromS(TableKeys.person(id)),
                                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))
                        .updateExpression("SET #s = :s")
                        .conditionExpression("#v = :v")
                        .expressionAttributeNames(Map.of("#s", TableKeys.LB_SCORE, "#v", "version"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromN(decayed.toPlainString()),
                                ":v", AttributeValue.fromN(Long.toString(p.version())))));
                n++;
            } catch (ConditionalCheckFailedException e) {
                // an action scored meanwhile and set its own decayed total
            }
        }
        return n;
    }
}
