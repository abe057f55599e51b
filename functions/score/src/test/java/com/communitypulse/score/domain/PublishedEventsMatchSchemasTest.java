package com.communitypulse.score.domain;

import com.communitypulse.testkit.EventSchema;
import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.bot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.FirstContributionEvent;
import com.communitypulse.shared.events.HighImpactEvent;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.events.TierChangedEvent;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The producer side of the bus events' contract: what the scorer publishes is valid against each published schema. */
class PublishedEventsMatchSchemasTest {
    private static final Instant TS = Instant.parse("2026-11-20T10:00:00Z");
    private static final Map<String, String> SCHEMAS = Map.of(
            Sources.FIRST_CONTRIBUTION, FirstContributionEvent.SCHEMA,
            Sources.TIER_CHANGED, TierChangedEvent.SCHEMA,
            Sources.HIGH_IMPACT, HighImpactEvent.SCHEMA);

    private static void assertValid(BusEvent event) throws Exception {
        assertEquals(Sources.SCORE, event.source());
        JsonNode detail = Json.mapper().readTree(event.detail());
        assertEquals(List.of(), EventSchema.load(SCHEMAS.get(event.detailType())).problems(detail), event.detail());
        if (detail.has("action")) {
            assertEquals(List.of(), EventSchema.load("/schemas/community-action.schema.json").problems(detail.get("action")),
                    "the event's action is a community.action: " + event.detail());
        }
    }

    @Test
    void aNewcomersHighImpactMergeGivesAllThreeEventsEachValid() throws Exception {
        // a threshold under pr_merged's default 0.6, so the one action decides all three events
        ActionPlanner planner = new ActionPlanner(new Scorer(ScoringConfig.parse("{\"high_impact_threshold\": 0.5}")),
                Duration.ofDays(400));
        Plan plan = planner.score(action("p1", "github:1", "octocat", "pr_merged", TS.toString()), TS,
                Profile.absent("github:1"), Profile.absent("github:1"));
        assertEquals(List.of(Sources.FIRST_CONTRIBUTION, Sources.TIER_CHANGED, Sources.HIGH_IMPACT),
                plan.events().stream().map(BusEvent::detailType).toList());
        for (BusEvent event : plan.events()) {
            assertValid(event);
        }
        FirstContributionEvent first = FirstContributionEvent.fromDetail(Json.mapper().readTree(plan.events().get(0).detail()));
        assertEquals("github:1", first.identity());
        assertEquals("user", first.kind());
    }

    @Test
    void aBotsFirstActionPublishesNothing() {
        // as the schemas say: bots are recorded, never welcomed, tiered or high-impact
        ActionPlanner planner = new ActionPlanner(new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        Plan plan = planner.score(bot("b1", "github:49699333", "dependabot[bot]", "pr_merged", TS.toString()), TS,
                Profile.absent("github:49699333"), Profile.absent("github:49699333"));
        assertEquals(List.of(), plan.events());
    }

    @Test
    void aDemotionByTheTierReviewIsValid() throws Exception {
        assertValid(ActionPlanner.tierEvent("github:1", "octocat", Tier.MAINTAINER, Tier.CONTRIBUTOR,
                "2026-12-01T00:00:00Z", "demotion: 0.3 points in the 30 days to 2026-11-30, under 1"));
    }
}
