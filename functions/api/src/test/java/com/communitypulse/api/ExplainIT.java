package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.score.ScoringService;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code GET /contributors/{id}/explain} on DynamoDB Local, filled through the real scorer. */
class ExplainIT {
    private static final String TABLE = "explain-test";
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final ScoringConfig DECAYING = ScoringConfig.parse("{\"decay\": {\"enabled\": true}}");
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        dynamo = Seed.client(db);
        Seed.createTable(dynamo, TABLE);
        ScoringService plain = service(ScoringConfig.defaults());
        // linus: 0.6 in October, 0.4 (long comment) + 0.1 + 0.3 + discord's 0.1 (linked) in November = 1.5
        act(plain, "e1", "github:10", "linus", "pr_merged", null, "2026-10-05T10:00:00Z");
        act(plain, "e2", "github:10", "linus", "comment", 800, "2026-11-02T10:00:00Z");
        act(plain, "e3", "github:10", "linus", "comment", 20, "2026-11-03T10:00:00Z");
        act(plain, "e4", "github:10", "linus", "issue_opened", null, "2026-11-04T10:00:00Z");
        act(plain, "e5", "discord:10", "linus_d", "message_posted", null, "2026-11-05T10:00:00Z");
        link(plain, "e6", "discord:10", "linus_d", "github:@linus", "2026-11-06T10:00:00Z");
        // grace, scored with decay on: 0.6 in October counts 0.54 in November; 0.1 in November
        ScoringService decaying = service(DECAYING);
        act(decaying, "g1", "github:20", "grace", "pr_merged", null, "2026-10-10T10:00:00Z");
        act(decaying, "g2", "github:20", "grace", "comment", 10, "2026-11-10T10:00:00Z");
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    private static ScoringService service(ScoringConfig config) {
        return new ScoringService(new DynamoDbContributorStore(dynamo, TABLE), events -> { }, new Scorer(config),
                Duration.ofDays(400));
    }

    private static void act(ScoringService s, String id, String actor, String login, String type, Integer length, String ts) {
        s.handle(new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER,
                new ActionContext(actor.substring(0, actor.indexOf(':')), type, "octo-org/hello-world", null, null, length,
                        null, null, null, null, null, null), ts));
    }

    private static void link(ScoringService s, String id, String actor, String login, String target, String ts) {
        s.handle(new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER,
                new ActionContext("discord", "identity_linked", null, null, null, null, null, null, null, null, target, null), ts));
    }

    private static JsonNode explain(ScoringConfig config, String id, int status) throws Exception {
        ApiHandler handler = new ApiHandler(new ContributorReader(dynamo, TABLE), config, new MutableClock(NOW));
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/contributors/" + id + "/explain").withResource("/contributors/{id}/explain")
                .withPathParameters(Map.of("id", id)), null);
        assertEquals(status, response.getStatusCode(), response.getBody());
        return Json.mapper().readTree(response.getBody());
    }

    private static BigDecimal sum(JsonNode array, String field) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode node : array) {
            total = total.add(node.get(field).decimalValue());
        }
        return total;
    }

    @Test
    void linesOfCountTimesWeightSumExactlyToTheProfileScore() throws Exception {
        JsonNode body = explain(ScoringConfig.defaults(), "github:@linus", 200);
        BigDecimal score = body.get("score").decimalValue();
        assertEquals(0, new BigDecimal("1.5").compareTo(score), body.toString());
        assertEquals(0, score.compareTo(sum(body.get("lines"), "points").add(body.get("legacy_points").decimalValue())));
        assertEquals(0, score.compareTo(body.get("total_points").decimalValue()));
        assertEquals(0, body.get("legacy_points").decimalValue().signum());
        assertEquals("1", body.get("config_version").asText());
        Map<String, String> lines = new HashMap<>();
        for (JsonNode line : body.get("lines")) {
            assertEquals(0, line.get("weight").decimalValue().multiply(line.get("count").decimalValue())
                    .compareTo(line.get("points").decimalValue()), line.toString());
            lines.put(line.get("platform").asText() + " " + line.get("type").asText() + " " + line.get("weight").asText(),
                    line.get("count").asText() + " " + line.get("rule").asText());
        }
        assertEquals(Map.of(
                "github pr_merged 0.6", "1 base 0.1 + type_bonus.pr_merged 0.5",
                "github comment 0.4", "1 base 0.1 + long_comment.bonus 0.3 (over 500 characters)",
                "github comment 0.1", "1 base 0.1",
                "github issue_opened 0.3", "1 base 0.1 + type_bonus.issue_opened 0.2",
                "discord message_posted 0.1", "1 base 0.1"), lines);
        assertEquals("[{\"month\":\"2026-10\",\"points\":0.6},{\"month\":\"2026-11\",\"points\":0.9}]", body.get("months").toString());
        JsonNode tier = body.get("tier");
        assertEquals("Contributor", tier.get("tier").asText());
        assertEquals("2026-10-05T10:00:00Z", tier.get("since").asText());
        assertEquals("pr_merged", tier.get("reason").asText());
        assertEquals("config contributor_types (pr_merged)", tier.get("rule").asText());
    }

    @Test
    void withDecayTheDecayedTotalIsWhatTheAllTimeBoardRanks() throws Exception {
        JsonNode body = explain(DECAYING, "github:20", 200);
        assertEquals(0, new BigDecimal("0.7").compareTo(body.get("score").decimalValue()));
        assertEquals(0, new BigDecimal("0.64").compareTo(body.get("decayed_total").decimalValue()), body.toString());
        assertEquals(0, body.get("decayed_total").decimalValue().compareTo(sum(body.get("lines"), "decayed_points")));
        assertEquals("{\"month\":\"2026-10\",\"points\":0.6,\"factor\":0.9,\"decayed_points\":0.54}",
                body.get("months").get(0).toString());
        Map<String, AttributeValue> profile = dynamo.getItem(r -> r.tableName(TABLE).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person("github:20")), "sk", AttributeValue.fromS(TableKeys.PROFILE)))).item();
        assertEquals(0, new BigDecimal("0.64").compareTo(new BigDecimal(profile.get(TableKeys.LB_SCORE).n())),
                "the all-time board's lb_score is the decayed total");
        assertEquals(0, new BigDecimal("0.7").compareTo(new BigDecimal(profile.get("score").n())), "score stays the points earned");
    }

    @Test
    void pointsScoredBeforeTalliesWereKeptAreShownAsLegacySoTheTotalStillMatches() throws Exception {
        ScoringService plain = service(ScoringConfig.defaults());
        act(plain, "l1", "github:30", "old", "comment", null, "2026-11-01T10:00:00Z");
        dynamo.updateItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(TableKeys.person("github:30")),
                        "sk", AttributeValue.fromS(TableKeys.PROFILE)))
                .updateExpression("ADD score :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromN("0.25"))));
        JsonNode body = explain(ScoringConfig.defaults(), "github:30", 200);
        assertEquals(0, new BigDecimal("0.35").compareTo(body.get("total_points").decimalValue()));
        assertEquals(0, new BigDecimal("0.25").compareTo(body.get("legacy_points").decimalValue()));
        assertEquals(0, body.get("score").decimalValue().compareTo(body.get("total_points").decimalValue()));
    }

    @Test
    void unknownAndInvalidContributors() throws Exception {
        assertEquals("no contributor github:999", explain(ScoringConfig.defaults(), "github:999", 404).get("error").asText());
        explain(ScoringConfig.defaults(), "nocolon", 400);
    }
}
