package com.communitypulse.tools;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What a candidate scoring config would change, before you deploy it: re-scores the recorded history
 * ({@code DAY#} activity items of the last {@code RETENTION_DAYS} days, one Query per day, never a Scan)
 * under the candidate and under the current {@code SCORING_CONFIG}, and prints who would move tier and
 * the biggest score changes. Read only.
 *
 * <pre>
 * TABLE_NAME=… AWS_REGION=… [SCORING_CONFIG=current.json-text] [RETENTION_DAYS=400] \
 *   java -cp tools/target/tools.jar com.communitypulse.tools.RescoreHistory candidate.json [top]
 * </pre>
 *
 * Rules: an action's candidate impact is the candidate's {@link Scorer#impact} of the action as recorded
 * (type, length, login, kind); a person's candidate score is their current score plus (candidate minus stored
 * impacts) over the window, since points older than the window are no longer recorded action by action.
 * A person's candidate tier is the highest the candidate's rules give for their recorded actions (type,
 * GitHub author association, config lists), but never below a tier they entered before the window began
 * (its evidence is no longer recorded). Demotion is the monthly review's, not simulated here.
 */
public final class RescoreHistory {
    /** A person's figures under the current and the candidate config. */
    public record Change(String person, String login, BigDecimal score, BigDecimal candidateScore, String tier,
                         String candidateTier, String why) {
        public BigDecimal delta() {
            return candidateScore.subtract(score);
        }

        public boolean movesTier() {
            return tier != null && !tier.equals(candidateTier);
        }
    }

    /** The whole comparison. */
    public record Report(String currentVersion, String candidateVersion, LocalDate from, LocalDate to, int queries,
                         int actions, List<Change> changes) {
        public List<Change> tierMoves() {
            return changes.stream().filter(Change::movesTier).toList();
        }

        public List<Change> biggestChanges(int top) {
            return changes.stream().filter(c -> c.delta().signum() != 0)
                    .sorted(Comparator.comparing((Change c) -> c.delta().abs()).reversed().thenComparing(Change::person))
                    .limit(top).toList();
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Scorer current;
    private final Scorer candidate;

    public RescoreHistory(DynamoDbClient dynamo, String table, ScoringConfig current, ScoringConfig candidate) {
        this.dynamo = dynamo;
        this.table = table;
        this.current = new Scorer(current);
        this.candidate = new Scorer(candidate);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: RescoreHistory candidate.json [top]   (env: TABLE_NAME, AWS_REGION, "
                    + "optional SCORING_CONFIG, RETENTION_DAYS, AWS_ENDPOINT_URL_DYNAMODB)");
            System.exit(2);
        }
        Env env = Env.system();
        ScoringConfig candidate;
        try {
            candidate = ScoringConfig.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build()) {
            Report report = new RescoreHistory(dynamo, env.require("TABLE_NAME"),
                    ScoringConfig.parse(env.get("SCORING_CONFIG", "")), candidate)
                    .run(today.minusDays(env.getInt("RETENTION_DAYS", 400) - 1L), today);
            print(report, top, System.out);
        }
    }

    /** Re-scores the activity of the days {@code from} to {@code to} (inclusive). */
    public Report run(LocalDate from, LocalDate to) {
        Map<String, BigDecimal[]> windowPoints = new LinkedHashMap<>(); // person -> {stored, current, candidate}
        Map<String, Tier> candidateTier = new HashMap<>();
        Map<String, String> why = new HashMap<>();
        int queries = 0;
        int actions = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.day(day))))
                        .exclusiveStartKey(startKey).build());
                queries++;
                for (Map<String, AttributeValue> item : page.items()) {
                    CommunityAction action = action(item);
                    if (action == null || TableKeys.TIER_CHANGED.equals(action.context().type()) || current.isBot(action)
                            || com.communitypulse.shared.model.ActionTypes.ADMIN.contains(action.context().type())) {
                        continue;
                    }
                    actions++;
                    String person = s(item, "person");
                    BigDecimal stored = item.containsKey("impact") ? new BigDecimal(item.get("impact").n()) : BigDecimal.ZERO;
                    BigDecimal[] p = windowPoints.computeIfAbsent(person,
                            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    p[0] = p[0].add(stored);
                    p[1] = p[1].add(candidate.impact(action));
                    if (!candidate.isBot(action)) {
                        Scorer.TierEvidence evidence = candidate.tierEvidence(action);
                        Tier before = candidateTier.get(person);
                        if (before == null || evidence.tier().ordinal() > before.ordinal()) {
                            candidateTier.put(person, evidence.tier());
                            why.put(person, evidence.reason());
                        }
                    }
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        Instant windowStart = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        DynamoDbContributorStore store = new DynamoDbContributorStore(dynamo, table);
        Map<String, Change> byPerson = new LinkedHashMap<>();
        windowPoints.forEach((id, points) -> {
            Profile profile = store.profile(id);
            if (profile.isLink()) {
                profile = store.profile(profile.linkedTo());
            }
            Change sofar = byPerson.get(profile.id());
            BigDecimal delta = points[1].subtract(points[0]);
            Tier tier = candidateTier.getOrDefault(id, Tier.USER);
            String reason = why.getOrDefault(id, "no action in the window");
            Tier held = enteredBefore(profile, windowStart);
            if (held != null && held.ordinal() > tier.ordinal()) {
                tier = held;
                reason = "kept: entered before the window";
            }
            if (sofar != null) {
                Tier earlier = Tier.fromLabel(sofar.candidateTier());
                if (earlier.ordinal() > tier.ordinal()) {
                    tier = earlier;
                    reason = sofar.why();
                }
                delta = delta.add(sofar.candidateScore().subtract(sofar.score()));
            }
            byPerson.put(profile.id(), new Change(profile.id(), profile.login(), profile.score(),
                    profile.score().add(delta).stripTrailingZeros(), profile.tier(), tier.label(), reason));
        });
        return new Report(current.config().version(), candidate.config().version(), from, to, queries, actions,
                List.copyOf(byPerson.values()));
    }

    /** The current tier when the person entered it before {@code start}, else null. */
    private static Tier enteredBefore(Profile profile, Instant start) {
        List<Profile.TierStep> history = profile.tierHistory();
        String tier = profile.tier();
        String at = null;
        for (int i = history.size() - 1; i >= 0 && tier != null && tier.equals(history.get(i).tier()); i--) {
            at = history.get(i).at();
        }
        return at != null && Instant.parse(at).isBefore(start) ? Tier.fromLabel(tier) : null;
    }

    private static CommunityAction action(Map<String, AttributeValue> item) {
        String actor = s(item, "actor");
        String platform = s(item, "platform");
        String type = s(item, "type");
        if (actor == null || platform == null || type == null) {
            return null;
        }
        Integer length = item.containsKey("length") && item.get("length").n() != null
                ? Integer.valueOf(item.get("length").n()) : null;
        return new CommunityAction(CommunityAction.EVENT, s(item, "action_id"), actor, s(item, "login"),
                s(item, "kind") == null ? CommunityAction.USER : s(item, "kind"),
                new ActionContext(platform, type, s(item, "repo"), null, null, length, null, s(item, "author_association"),
                        null, null, null, null), s(item, "ts"));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static void print(Report r, int top, PrintStream out) {
        out.printf(Locale.ROOT, "Re-scored %d actions from %s to %s (%d DAY# Queries): config %s -> candidate %s%n",
                r.actions(), r.from(), r.to(), r.queries(), r.currentVersion(), r.candidateVersion());
        List<Change> moves = r.tierMoves();
        out.printf(Locale.ROOT, "%nTier moves (%d):%n", moves.size());
        for (Change c : moves) {
            out.printf(Locale.ROOT, "  %-24s %s -> %s (%s)%n", name(c), c.tier(), c.candidateTier(), c.why());
        }
        List<Change> biggest = r.biggestChanges(top);
        out.printf(Locale.ROOT, "%nBiggest score changes (top %d of %d people):%n", biggest.size(), r.changes().size());
        for (Change c : biggest) {
            out.printf(Locale.ROOT, "  %-24s %s -> %s (%s%s)%n", name(c), c.score().toPlainString(),
                    c.candidateScore().toPlainString(), c.delta().signum() > 0 ? "+" : "", c.delta().toPlainString());
        }
    }

    private static String name(Change c) {
        return c.login() == null ? c.person() : c.login() + " " + c.person();
    }
}
