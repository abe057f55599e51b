package com.communitypulse.score.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.DemotionPlanner.Demotion;
import com.communitypulse.score.domain.DemotionPlanner.Point;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The monthly review's decisions without DynamoDB. */
class DemotionPlannerTest {
    private static final ScoringConfig DEMOTING = ScoringConfig.parse("""
            {"demotion": {"enabled": true, "window_days": 14, "min_points": {"Contributor": 0.5}},
             "maintainers": ["github:9"]}""");
    private static final BigDecimal THRESHOLD = new BigDecimal("0.5");
    private final DemotionPlanner planner = new DemotionPlanner(DEMOTING, Duration.ofDays(400));

    private static Profile contributor(String id, String since) {
        return new Profile(id, true, 3, null, "ada", "github", "user", BigDecimal.ONE, "Contributor",
                List.of(new Profile.TierStep("User", since), new Profile.TierStep("Contributor", since)),
                Instant.parse(since), Instant.parse(since), Set.of(id), Set.of("github#ada"), Set.of(id), Set.of("github"),
                Map.of());
    }

    private static Point point(String at, String impact) {
        return new Point(Instant.parse(at), new BigDecimal(impact));
    }

    @Test
    void theBestWindowIsTheMostPointsInAnyTrailingWindowEndingInTheMonth() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        List<Point> points = List.of(point("2026-10-25T00:00:00Z", "0.3"), point("2026-11-05T00:00:00Z", "0.1"),
                point("2026-11-28T00:00:00Z", "0.2"));
        assertEquals(new BigDecimal("0.4"), DemotionPlanner.bestWindow(points, start, end, Duration.ofDays(14)));
        assertEquals(BigDecimal.ZERO, DemotionPlanner.bestWindow(List.of(), start, end, Duration.ofDays(14)));
    }

    @Test
    void aTierHeldSinceBeforeTheMonthWithTooFewPointsGoesOneDown() {
        Optional<Demotion> planned = planner.plan(contributor("github:1", "2026-10-01T10:00:00Z"), YearMonth.of(2026, 12),
                THRESHOLD, Map.of("github:1", List.of(point("2026-12-10T00:00:00Z", "0.1"))));
        assertTrue(planned.isPresent());
        assertEquals(Tier.CONTRIBUTOR, planned.get().from());
        assertEquals(Tier.USER, planned.get().to());
        Plan plan = planned.get().plan();
        assertEquals("2027-01-01", plan.day());
        assertEquals("2027-01-01T00:00:00Z#review-2026-12-github:1.tier", plan.sortKey());
        assertEquals(3, plan.writes().size(), "the activity item, the profile, the WEEK# day");
        assertTrue(plan.events().get(0).detail().contains("demotion: at most 0.1 points in any 14 days of 2026-12"),
                plan.events().get(0).detail());
    }

    @Test
    void enoughPointsALateStepOrAConfigListKeepTheTier() {
        YearMonth december = YearMonth.of(2026, 12);
        assertTrue(planner.plan(contributor("github:1", "2026-10-01T10:00:00Z"), december, THRESHOLD,
                Map.of("github:1", List.of(point("2026-12-10T00:00:00Z", "0.6")))).isEmpty(), "enough points");
        assertTrue(planner.plan(contributor("github:1", "2026-12-02T10:00:00Z"), december, THRESHOLD, Map.of()).isEmpty(),
                "promoted during the month");
        assertTrue(planner.plan(contributor("github:9", "2026-10-01T10:00:00Z"), december, THRESHOLD, Map.of()).isEmpty(),
                "listed as a maintainer");
        assertTrue(planner.plan(Profile.absent("github:2"), december, THRESHOLD, Map.of()).isEmpty(), "no profile");
    }
}
