package com.communitypulse.api;

import com.communitypulse.api.store.ContributorReader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /contributors/{id}/explain} on DynamoDB Local, on the profiles the scorer would have written (testkit's
 * {@link Items}; base 0.1, type bonus pr_merged 0.5 and issue_opened 0.2, long_comment bonus 0.3 over 500
 * characters; with decay, a month back counts 0.9).
 */
class ExplainIT {
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final ScoringConfig DECAYING = ScoringConfig.parse("{\"decay\": {\"enabled\": true}}");
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @BeforeAll
    static void seed() {
        DynamoDbClient dynamo = TABLE.client();
        String table = TABLE.name();
        // linus: pr_merged 0.6 in October; an 800-character comment 0.4, a short one 0.1, issue_opened 0.3 and
        // discord:10's message 0.1 (linked on 11-06) in November = 1.5
        Items.person("github:10").login("linus").score("1.5").count("pr_merged", 1).count("comment", 2)
                .count("issue_opened", 1).count("message_posted", 1)
                .tally("2026-10", "github", "pr_merged", "0.6", 1).tally("2026-11", "github", "comment", "0.4", 1)
                .tally("2026-11", "github", "comment", "0.1", 1).tally("2026-11", "github", "issue_opened", "0.3", 1)
                .tally("2026-11", "discord", "message_posted", "0.1", 1)
                .tier("User", "2026-10-05T10:00:00Z", "first action (pr_merged)")
                .tier("Contributor", "2026-10-05T10:00:00Z", "pr_merged")
                .firstSeen("2026-10-05T10:00:00Z").lastActive("2026-11-05T10:00:00Z").identity("discord:10", "linus_d")
                .week("2026-W41", "0.6", "2026-10-05")
                .week("2026-W45", "0.9", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06")
                .month("2026-10", "0.6").month("2026-11", "0.9").put(dynamo, table);
        Items.person("discord:10").login("linus_d").linkedTo("github:10", "2026-11-06T10:00:00Z").put(dynamo, table);
        // grace, scored with decay on: pr_merged 0.6 in October counts 0.54 in November; a comment 0.1 in November
        Items.person("github:20").login("grace").score("0.7").allTimeBoardScore("0.64").count("pr_merged", 1)
                .count("comment", 1).tally("2026-10", "github", "pr_merged", "0.6", 1)
                .tally("2026-11", "github", "comment", "0.1", 1)
                .tier("User", "2026-10-10T10:00:00Z", "first action (pr_merged)")
                .tier("Contributor", "2026-10-10T10:00:00Z", "pr_merged")
                .firstSeen("2026-10-10T10:00:00Z").lastActive("2026-11-10T10:00:00Z")
                .week("2026-W41", "0.6", "2026-10-10").week("2026-W46", "0.1", "2026-11-10")
                .month("2026-10", "0.6").month("2026-11", "0.1").put(dynamo, table);
    }

    private static JsonNode explain(ScoringConfig config, String id, int status) throws Exception {
        ApiHandler handler = new ApiHandler(new ContributorReader(TABLE.client(), TABLE.name()), config, new MutableClock(NOW));
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
        Map<String, AttributeValue> profile = TABLE.client().getItem(r -> r.tableName(TABLE.name()).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person("github:20")), "sk", AttributeValue.fromS(TableKeys.PROFILE)))).item();
        assertEquals(0, new BigDecimal("0.64").compareTo(new BigDecimal(profile.get(TableKeys.LB_SCORE).n())),
                "the all-time board's lb_score is the decayed total");
        assertEquals(0, new BigDecimal("0.7").compareTo(new BigDecimal(profile.get("score").n())), "score stays the points earned");
    }

    @Test
    void pointsScoredBeforeTalliesWereKeptAreShownAsLegacySoTheTotalStillMatches() throws Exception {
        // a comment 0.1, tallied, on a profile that already had 0.25 from before tallies were kept
        Items.person("github:30").login("old").score("0.35").count("comment", 1)
                .tally("2026-11", "github", "comment", "0.1", 1).tier("User", "2026-11-01T10:00:00Z", "first action (comment)")
                .firstSeen("2026-11-01T10:00:00Z").lastActive("2026-11-01T10:00:00Z")
                .week("2026-W44", "0.1", "2026-11-01").month("2026-11", "0.1").put(TABLE.client(), TABLE.name());
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
