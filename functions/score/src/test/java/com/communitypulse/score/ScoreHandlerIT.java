package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The handler with the sample events of {@code events/score-*.json}. */
class ScoreHandlerIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();

    private static ScoreHandler handler(RecordingPublisher bus) {
        ScoringService service = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        return new ScoreHandler(new ScoreAction(service, null, ScoreMetrics.NONE), null);
    }

    @Test
    void sampleEventsAreScored() throws Exception {
        RecordingPublisher bus = new RecordingPublisher();
        ScoreHandler handler = handler(bus);
        handler.handleRequest(Fixtures.eventJson("score-pr-merged.json"), null);
        handler.handleRequest(Fixtures.eventJson("score-long-comment.json"), null);
        handler.handleRequest(Fixtures.eventJson("score-bot-comment.json"), null);
        handler.handleRequest(Fixtures.eventJson("score-identity-linked.json"), null);

        var octocat = TABLE.client().getItem(r -> r.tableName(TABLE.name()).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person("github:583231")), "sk", AttributeValue.fromS("PROFILE")))).item();
        assertEquals("0.6", octocat.get("score").n());
        assertEquals("Contributor", octocat.get("tier").s());
        assertTrue(octocat.get("identities").ss().contains("discord:80351110224678912"), "linked by @login");
        var reply = TABLE.client().getItem(r -> r.tableName(TABLE.name()).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person("discourse:42")), "sk", AttributeValue.fromS("PROFILE")))).item();
        assertEquals("0.4", reply.get("score").n());
        assertEquals(2, bus.ofType(Sources.FIRST_CONTRIBUTION).size(), "octocat and discourse:42, not the bot");
    }

    @Test
    void anEnvelopeWithoutADetailIsRejectedClearly() {
        ScoreHandler handler = handler(new RecordingPublisher());
        var e = assertThrows(ScoringService.InvalidActionException.class,
                () -> handler.handleRequest(Map.of("detail-type", "community.action"), null));
        assertEquals("invalid community.action: the EventBridge envelope has no detail object", e.getMessage());
        var wrongShape = assertThrows(ScoringService.InvalidActionException.class,
                () -> handler.handleRequest(Map.of("detail", Map.of("context", "nope")), null));
        assertTrue(wrongShape.getMessage().contains("detail does not map to community.action"), wrongShape.getMessage());
    }

    @Test
    void theEnvironmentConstructorBuildsARealHandler() throws Exception {
        Map<String, String> values = new java.util.HashMap<>(TABLE.env());
        values.putAll(Map.of("EVENT_BUS_NAME", "bus", "RETENTION_DAYS", "30", "SCORING_CONFIG", "{\"base\": 0.25}"));
        var env = new com.communitypulse.shared.config.Env(values);
        ScoreHandler handler = new ScoreHandler(env);
        // a bot action publishes nothing, so no EventBridge endpoint is needed
        handler.handleRequest(Fixtures.eventJson("score-bot-comment.json"), null);
        var bot = TABLE.client().getItem(r -> r.tableName(TABLE.name()).key(Map.of(
                "pk", AttributeValue.fromS("DAY#2026-11-20"),
                "sk", AttributeValue.fromS("2026-11-20T12:00:00Z#github:delivery-b07:comment")))).item();
        assertEquals(Long.toString(java.time.Instant.parse("2026-11-20T12:00:00Z").plus(Duration.ofDays(30)).getEpochSecond()),
                bot.get("expires_at").n());
        var e = assertThrows(IllegalArgumentException.class, () -> new ScoreHandler(new com.communitypulse.shared.config.Env(
                Map.of("RETENTION_DAYS", "a year", "TABLE_NAME", "t", "EVENT_BUS_NAME", "b"))));
        assertEquals("RETENTION_DAYS must be a whole number of days, got a year", e.getMessage());
    }
}
