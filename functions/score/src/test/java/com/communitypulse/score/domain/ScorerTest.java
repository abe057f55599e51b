package com.communitypulse.score.domain;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.bot;
import static com.communitypulse.score.domain.Actions.withAssociation;
import static com.communitypulse.score.domain.Actions.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorerTest {
    private final Scorer scorer = new Scorer(ScoringConfig.defaults());
    private static final String TS = "2026-11-20T10:00:00Z";

    @ParameterizedTest(name = "{0} length {1} -> {2}")
    @CsvSource({
            "starred, -1, 0.1",
            "pr_opened, -1, 0.1",
            "pr_merged, -1, 0.6",
            "issue_opened, -1, 0.3",
            "comment, 500, 0.1",
            "comment, 501, 0.4",
            "reply_given, 812, 0.4",
            "review_comment, 2000, 0.4",
            "message_posted, 5000, 0.1",
            "identity_linked, -1, 0"})
    void impactFollowsTheDesignHeuristic(String type, int length, String expected) {
        var a = action("a1", "github:1", "octocat", type, TS);
        if (length >= 0) {
            a = withLength(a, length);
        }
        assertEquals(0, new BigDecimal(expected).compareTo(scorer.impact(a)), type + " scored " + scorer.impact(a));
    }

    @Test
    void impactIsCappedAtTheConfiguredCap() {
        Scorer generous = new Scorer(ScoringConfig.parse("{\"type_bonus\": {\"pr_merged\": 5}}"));
        assertEquals(0, BigDecimal.ONE.compareTo(generous.impact(action("a", "github:1", "o", "pr_merged", TS))));
        assertTrue(generous.isHighImpact(generous.impact(action("a", "github:1", "o", "pr_merged", TS))));
        assertFalse(scorer.isHighImpact(new BigDecimal("0.8")), "high impact is strictly above 0.8");
    }

    @Test
    void anAdminChangeIsNeverScoredWhateverTheConfig() {
        Scorer rewarding = new Scorer(ScoringConfig.parse("{\"type_bonus\": {\"crm_id_set\": 0.5}, \"unscored_types\": []}"));
        assertEquals(0, BigDecimal.ZERO.compareTo(rewarding.impact(action("c", "github:1", "o", "crm_id_set", TS))));
        assertEquals(0, new BigDecimal("0.1").compareTo(rewarding.impact(action("c", "github:1", "o", "talk_given", TS))),
                "a custom type of its own still earns the base");
    }

    @Test
    void botsAreNeverScored() {
        assertEquals(0, BigDecimal.ZERO.compareTo(scorer.impact(bot("b", "github:9", "ci", "pr_merged", TS))));
        var byLogin = action("b", "github:9", "dependabot[bot]", "pr_merged", TS);
        assertTrue(scorer.isBot(byLogin));
        assertEquals(0, BigDecimal.ZERO.compareTo(scorer.impact(byLogin)));
        assertFalse(scorer.isBot(action("h", "github:10", "bot-fan", "comment", TS)));
    }

    @Test
    void tierEvidence() {
        assertEquals(Tier.USER, scorer.tierEvidence(action("a", "github:1", "o", "comment", TS)).tier());
        for (String type : new String[] {"pr_merged", "answer_accepted", "docs_edited"}) {
            var evidence = scorer.tierEvidence(action("a", "github:1", "o", type, TS));
            assertEquals(Tier.CONTRIBUTOR, evidence.tier());
            assertEquals(type, evidence.reason());
        }
        var member = scorer.tierEvidence(withAssociation(action("a", "github:1", "o", "comment", TS), "MEMBER"));
        assertEquals(Tier.MAINTAINER, member.tier());
        assertEquals("github author_association MEMBER", member.reason());
        assertEquals(Tier.USER, scorer.tierEvidence(withAssociation(action("a", "github:1", "o", "comment", TS), "CONTRIBUTOR")).tier());

        Scorer listed = new Scorer(ScoringConfig.parse(
                "{\"maintainers\": [\"discourse:42\"], \"core_team\": [\"github:@OctoCat\"]}"));
        assertEquals(Tier.MAINTAINER, listed.tierEvidence(action("a", "discourse:42", "x", "comment", TS)).tier());
        assertEquals(Tier.CORE_TEAM, listed.tierEvidence(action("a", "github:1", "octocat", "starred", TS)).tier());
        assertEquals(Tier.USER, listed.tierEvidence(action("a", "discord:1", "octocat", "starred", TS)).tier(),
                "a login entry is per platform");
    }

    @Test
    void tiersOnlyGoUp() {
        assertEquals(Tier.MAINTAINER, Tier.MAINTAINER.max(Tier.CONTRIBUTOR));
        assertEquals(Tier.CORE_TEAM, Tier.USER.max(Tier.CORE_TEAM));
        assertEquals("Core Team", Tier.CORE_TEAM.label());
    }
}
