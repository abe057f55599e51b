package com.communitypulse.score.domain;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.bot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.events.Sources;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure planning decisions, without DynamoDB. */
class ActionPlannerTest {
    private static final Instant TS = Instant.parse("2026-11-20T10:00:00Z");
    private final ActionPlanner planner = new ActionPlanner(new Scorer(ScoringConfig.defaults()), Duration.ofDays(400),
            java.time.Clock.fixed(TS, java.time.ZoneOffset.UTC));

    private static Profile existing(String id, String tier, Set<String> acted) {
        return new Profile(id, true, 7, null, "octocat", "github", "user", BigDecimal.ONE, tier,
                List.of(new Profile.TierStep(tier, "2026-11-01T00:00:00Z")), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"), acted, Set.of("github#octocat"), acted, Set.of("github"), Map.of());
    }

    @Test
    void aNewcomersMergedPrIsAFirstContributionAndAPromotion() {
        Plan plan = planner.score(action("p1", "github:1", "octocat", "pr_merged", TS.toString()), TS,
                Profile.absent("github:1"), Profile.absent("github:1"));
        assertEquals(List.of(Sources.FIRST_CONTRIBUTION, Sources.TIER_CHANGED),
                plan.events().stream().map(BusEvent::detailType).toList());
        Plan.Put guard = (Plan.Put) plan.writes().get(0);
        assertInstanceOf(Plan.Guard.Absent.class, guard.guard(), "the action id guards redelivery, whatever its time");
        assertEquals("ACTION#p1/ACTION", guard.pk() + "/" + guard.sk());
        assertEquals(Map.of("day", "2026-11-20", "activity_sk", "2026-11-20T10:00:00Z#p1", "has_events", true,
                "expires_at", TS.plus(Duration.ofDays(400)).getEpochSecond()), guard.item());
        assertInstanceOf(Plan.Guard.Absent.class, plan.writes().get(1).guard(), "so does the activity item");
        assertEquals("DAY#2026-11-20", plan.writes().get(1).pk());
        assertEquals("2026-11-20T10:00:00Z#p1", plan.writes().get(1).sk());
        Plan.Update profile = (Plan.Update) plan.writes().get(2);
        assertInstanceOf(Plan.Guard.Absent.class, profile.guard(), "a new profile must still not exist");
        assertEquals("Contributor", profile.set().get("tier"));
        assertEquals(List.of("PERSON#github:1/WEEK#2026-W47", "PERSON#github:1/MONTH#2026-11", "LOGIN#github#octocat/LOGIN",
                        "DAY#2026-11-20/2026-11-20T10:00:00Z#p1.tier"),
                plan.writes().subList(3, plan.writes().size()).stream().map(w -> w.pk() + "/" + w.sk()).toList());
        Plan.Put activity = (Plan.Put) plan.writes().get(1);
        assertEquals(false, activity.item().get("events_published"));
        assertEquals(TS.plus(Duration.ofDays(400)).getEpochSecond(), activity.item().get("expires_at"));
    }

    @Test
    void historyFromTheBackfillIsRecordedAndPromotedButGreetsNobody() {
        CommunityAction merged = action("p1", "github:1", "octocat", "pr_merged", TS.toString());
        CommunityAction history = merged.withContext(new com.communitypulse.shared.model.ActionContext("github", "pr_merged",
                "o/r", null, null, 2000, null, null, null, null, null, "backfill:pr_merged:7", "backfill"));
        Plan plan = planner.score(history, TS, Profile.absent("github:1"), Profile.absent("github:1"));
        assertEquals(List.of(), plan.events(), "no first contribution, promotion or high-impact event from history");
        Plan.Update profile = (Plan.Update) plan.writes().get(2);
        assertEquals("Contributor", profile.set().get("tier"), "but the person is known, with the tier history earns");
        assertEquals(Set.of("github:1"), profile.addToSets().get("acted"), "so a later live action is no first");
        assertEquals(false, ((Plan.Put) plan.writes().get(0)).item().get("has_events"));
    }

    @Test
    void historyOlderThanTheRetentionKeepsItsGuardForTheRetentionFromNowSoASecondRunCountsNothing() {
        Instant longAgo = Instant.parse("2019-03-01T10:00:00Z");
        CommunityAction old = action("p9", "github:1", "octocat", "comment", longAgo.toString());
        Plan plan = planner.score(old, longAgo, Profile.absent("github:1"), Profile.absent("github:1"));
        Plan.Put guard = (Plan.Put) plan.writes().get(0);
        assertEquals("ACTION#p9", guard.pk());
        assertEquals(TS.plus(Duration.ofDays(400)).getEpochSecond(), guard.item().get("expires_at"),
                "the guard outlives a redelivery or re-run for the retention from now, not from 2019");
        assertEquals(longAgo.plus(Duration.ofDays(400)).getEpochSecond(), ((Plan.Put) plan.writes().get(1)).item().get("expires_at"),
                "while the activity itself is kept no longer than the retention allows");
    }

    @Test
    void aKnownContributorsCommentWritesOnlyWhatChanged() {
        Profile p = existing("github:1", "Contributor", Set.of("github:1"));
        Plan plan = planner.score(action("p2", "github:1", "octocat", "comment", TS.toString()), TS, p, p);
        assertTrue(plan.events().isEmpty());
        assertEquals(5, plan.writes().size(), "guard, activity, profile, week, month: no login, no tier item");
        assertEquals(false, ((Plan.Put) plan.writes().get(0)).item().get("has_events"));
        Plan.Update profile = (Plan.Update) plan.writes().get(2);
        assertEquals(new Plan.Guard.Version(7), profile.guard());
        assertEquals(8L, profile.set().get("version"));
        assertEquals("2026-11-01T00:00:00Z", profile.set().get("first_seen"));
        assertEquals("2026-11-30T00:00:00Z", profile.set().get("last_active"), "last_active never goes back");
        assertFalse(((Plan.Put) plan.writes().get(1)).item().containsKey("events"));
    }

    @Test
    void aMaintainerNeverGoesDown() {
        Profile p = existing("github:1", "Maintainer", Set.of("github:1"));
        Plan plan = planner.score(action("p3", "github:1", "octocat", "pr_merged", TS.toString()), TS, p, p);
        assertEquals("Maintainer", ((Plan.Update) plan.writes().get(2)).set().get("tier"));
        assertTrue(plan.events().isEmpty());
    }

    @Test
    void botsGetNoBoardNoTierNoEvents() {
        Plan plan = planner.score(bot("p4", "github:9", "ci", "pr_merged", TS.toString()), TS,
                Profile.absent("github:9"), Profile.absent("github:9"));
        assertTrue(plan.events().isEmpty());
        assertEquals(BigDecimal.ZERO, plan.impact());
        Plan.Update profile = (Plan.Update) plan.writes().get(2);
        assertFalse(profile.set().containsKey("tier"));
        assertFalse(profile.set().containsKey("lb_pk"));
        assertFalse(profile.add().containsKey("lb_score"));
        assertTrue(plan.writes().stream().noneMatch(w -> w.sk().startsWith("MONTH#")));
        assertFalse(((Plan.Update) plan.writes().get(3)).set().containsKey("lb_pk"), "the week item is off the board");
    }
}
