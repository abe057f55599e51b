package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Actions;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.DynamoDbTierReviewStore;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tier hysteresis over a simulated quarter on DynamoDB Local: promote at once, demote only at a monthly review. */
class TierHysteresisIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    /** Contributors need 0.5 points in some 14-day window of the month, or they go down at the review. */
    private static final ScoringConfig DEMOTING = ScoringConfig.parse("""
            {"demotion": {"enabled": true, "window_days": 14, "min_points": {"Contributor": 0.5}}}""");

    private static Map<String, AttributeValue> profile(String id) {
        return TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(TableKeys.person(id)), "sk", AttributeValue.fromS(TableKeys.PROFILE)))).item();
    }

    private static List<String> history(String id) {
        return profile(id).get("tier_history").l().stream()
                .map(s -> s.m().get("tier").s() + "@" + s.m().get("at").s()).toList();
    }

    private static TierReview review(RecordingPublisher bus, ScoringConfig config) {
        return new TierReview(new DynamoDbContributorStore(TABLE.client(), TABLE.name()),
                new DynamoDbTierReviewStore(TABLE.client(), TABLE.name()), bus,
                config, Duration.ofDays(400));
    }

    @Test
    void aDipThatRecoversKeepsTheTierAWholeMonthBelowDemotesOnceAtTheReview() throws Exception {
        RecordingPublisher bus = new RecordingPublisher();
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
                new Scorer(DEMOTING), Duration.ofDays(400));
        TierReview review = review(bus, DEMOTING);
        RecordingScoreMetrics metrics = new RecordingScoreMetrics();
        ScoreHandler handler = new ScoreHandler(new ScoreAction(scoring, null, metrics), new MonthlyReview(review, metrics));

        // October: promoted on day 1, at once
        scoring.handle(action("q1", "github:1", "ada", "pr_merged", "2026-10-01T10:00:00Z"));
        assertEquals("Contributor", profile("github:1").get("tier").s());
        assertEquals(1, bus.ofType(Sources.TIER_CHANGED).size());
        // the 1 November review (of October): the tier was not held before October began, and it was above anyway
        assertEquals(0, review.review(YearMonth.of(2026, 10)).demoted());

        // November: below from the 1st (the merge left the 14-day window on 15 October), recovered on the 16th
        scoring.handle(action("q2", "github:1", "ada", "issue_opened", "2026-11-16T10:00:00Z"));
        scoring.handle(action("q3", "github:1", "ada", "issue_opened", "2026-11-16T11:00:00Z"));
        // fired by the schedule on 1 December: reviews November; the recovery keeps the tier
        handler.handleRequest(Map.of("detail-type", "Scheduled Event", "source", "aws.events",
                "time", "2026-12-01T06:00:00Z", "detail", Map.of()), null);
        assertEquals("Contributor", profile("github:1").get("tier").s());
        assertEquals(1, bus.ofType(Sources.TIER_CHANGED).size(), "no demotion for a dip that recovered");
        assertEquals(List.of("reviewed demoted=0"), metrics.calls);

        // December: nothing at all (the 16 November points left the window on the 30th): demoted at the review
        TierReview.Result first = review.review(YearMonth.of(2026, 12));
        TierReview.Result again = review.review(YearMonth.of(2026, 12));
        assertEquals(1, first.demoted());
        assertEquals(0, again.demoted(), "a re-run of the same month demotes nobody twice");
        assertEquals("User", profile("github:1").get("tier").s());
        List<com.communitypulse.shared.events.BusEvent> changes = bus.ofType(Sources.TIER_CHANGED);
        assertEquals(2, changes.size());
        JsonNode demotion = Json.mapper().readTree(changes.get(1).detail());
        assertEquals("Contributor", demotion.get("from").asText());
        assertEquals("User", demotion.get("to").asText());
        assertEquals("2027-01-01T00:00:00Z", demotion.get("at").asText());
        assertTrue(demotion.get("reason").asText().startsWith("demotion: at most 0 points in any 14 days of 2026-12"),
                demotion.get("reason").asText());
        assertEquals(List.of("User@2026-10-01T10:00:00Z", "Contributor@2026-10-01T10:00:00Z", "User@2027-01-01T00:00:00Z"),
                history("github:1"));
        var item = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("DAY#2027-01-01"),
                "sk", AttributeValue.fromS("2027-01-01T00:00:00Z#review-2026-12-github:1.tier")))).item();
        assertEquals(TableKeys.TIER_CHANGED, item.get("type").s());
        assertTrue(item.get("events_published").bool(), "the event was confirmed published");

        // January: a merge promotes again at once
        scoring.handle(action("q4", "github:1", "ada", "pr_merged", "2027-01-05T10:00:00Z"));
        assertEquals("Contributor", profile("github:1").get("tier").s());
        assertEquals(4, history("github:1").size());
        assertEquals(3, bus.ofType(Sources.TIER_CHANGED).size());
    }

    @Test
    void withDemotionOffByDefaultTiersNeverGoDown() {
        RecordingPublisher bus = new RecordingPublisher();
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        scoring.handle(action("o1", "github:2", "grace", "pr_merged", "2026-06-01T10:00:00Z"));
        TierReview review = review(bus, ScoringConfig.defaults());
        for (int m = 7; m <= 12; m++) {
            assertEquals(0, review.review(YearMonth.of(2026, m)).demoted());
        }
        assertEquals("Contributor", profile("github:2").get("tier").s());
    }

    @Test
    void pointsEarnedByAnIdentityBeforeItWasLinkedCountForThePerson() {
        RecordingPublisher bus = new RecordingPublisher();
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
                new Scorer(DEMOTING), Duration.ofDays(400));
        scoring.handle(action("k1", "github:5", "lin", "pr_merged", "2026-09-01T10:00:00Z"));
        for (int i = 0; i < 5; i++) {
            scoring.handle(action("k2" + i, "discord:5", "lin_d", "message_posted", "2026-11-10T1" + i + ":00:00Z"));
        }
        scoring.handle(Actions.link("k3", "discord:5", "lin_d", "github:5", "2026-11-20T10:00:00Z"));
        TierReview review = review(bus, DEMOTING);
        review.review(YearMonth.of(2026, 11));
        assertEquals("Contributor", profile("github:5").get("tier").s(),
                "discord:5's 0.5 points of 10 November (recorded under discord:5, linked later) keep the tier");
        review.review(YearMonth.of(2026, 12));
        assertEquals("User", profile("github:5").get("tier").s(), "December: nothing from either identity");
    }
}
