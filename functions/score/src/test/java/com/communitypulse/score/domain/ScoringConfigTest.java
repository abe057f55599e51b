package com.communitypulse.score.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringConfigTest {
    @Test
    void blankMeansDefaults() {
        assertEquals(ScoringConfig.defaults().toString(), ScoringConfig.parse("").toString());
        assertEquals(ScoringConfig.defaults().toString(), ScoringConfig.parse(null).toString());
    }

    @Test
    void givenKeysReplaceTheirDefaultsOnly() {
        ScoringConfig config = ScoringConfig.parse("""
                {"base": 0.2, "long_comment": {"threshold": 100}, "core_team": ["github:583231"],
                 "bot_login_patterns": ["(?i).*-ci$"]}""");
        assertEquals(new BigDecimal("0.2"), config.base());
        assertEquals(100, config.longCommentThreshold());
        assertEquals(new BigDecimal("0.3"), config.longCommentBonus());
        assertEquals(Set.of("github:583231"), config.coreTeam());
        assertEquals(new BigDecimal("0.8"), config.highImpactThreshold());
        assertTrue(new Scorer(config).isBot(Actions.action("a", "github:1", "deploy-ci", "comment", "2026-11-20T10:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[1,2]                                   | must be a JSON object",
            "{not json                               | not valid JSON",
            "{\"bsae\": 0.1}                         | unknown key 'bsae'",
            "{\"base\": \"high\"}                    | base must be a number >= 0",
            "{\"cap\": 0}                            | cap must be greater than 0",
            "{\"type_bonus\": {\"pr_merged\": -1}}   | type_bonus.pr_merged must be a number >= 0",
            "{\"long_comment\": {\"threshold\": 1.5}} | long_comment.threshold must be a whole number",
            "{\"long_comment\": {\"min\": 1}}        | unknown key 'long_comment.min'",
            "{\"maintainers\": \"github:1\"}         | maintainers must be a list of strings",
            "{\"bot_login_patterns\": [\"[bot\"]}    | is not a valid regular expression",
            "{\"decay\": {\"monthly_factor\": 1.5}}  | decay.monthly_factor must be greater than 0 and at most 1",
            "{\"decay\": {\"enabled\": \"yes\"}}     | decay.enabled must be true or false",
            "{\"decay\": {\"factor\": 0.5}}          | unknown key 'decay.factor'",
            "{\"demotion\": {\"window_days\": 0}}     | demotion.window_days must be a whole number of days from 1 to 366",
            "{\"demotion\": {\"min_points\": {\"User\": 1}}} | demotion.min_points key 'User' is not a tier above User",
            "{\"demotion\": {\"min_points\": {\"Contributor\": -1}}} | demotion.min_points.Contributor must be a number >= 0",
            "{\"version\": [1]}                      | version must be a number or a string"})
    void invalidConfigFailsFastWithAClearMessage(String json, String expected) {
        var error = assertThrows(IllegalArgumentException.class, () -> ScoringConfig.parse(json));
        assertTrue(error.getMessage().startsWith("SCORING_CONFIG is invalid: "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void theDefaultsAreTheVersionedFileWithDecayAndDemotionOff() {
        ScoringConfig d = ScoringConfig.defaults();
        assertEquals("1", d.version());
        assertEquals(new BigDecimal("0.1"), d.base());
        assertEquals(new BigDecimal("0.5"), d.typeBonus().get("pr_merged"));
        assertEquals(500, d.longCommentThreshold());
        assertEquals(false, d.decay().enabled());
        assertEquals(new BigDecimal("0.9"), d.decay().monthlyFactor());
        assertEquals(false, d.demotion().enabled());
        assertEquals(30, d.demotion().windowDays());
        assertEquals(new BigDecimal("0.5"), d.demotion().threshold(Tier.CONTRIBUTOR));
        assertEquals(java.math.BigDecimal.ONE, d.decay().factor(5), "decay off: every month counts fully");
    }

    @Test
    void anOverrideReportsItsVersionOrAHashOfItself() {
        assertEquals("7", ScoringConfig.parse("{\"version\": 7, \"base\": 0.2}").version());
        String hashed = ScoringConfig.parse("{\"base\": 0.2}").version();
        assertTrue(hashed.matches("1\\+custom-[0-9a-f]{8}"), hashed);
        assertEquals(hashed, ScoringConfig.parse("{\"base\": 0.2}").version(), "the same override, the same version");
        ScoringConfig partial = ScoringConfig.parse("{\"decay\": {\"enabled\": true}}");
        assertTrue(partial.decay().enabled());
        assertEquals(new BigDecimal("0.9"), partial.decay().monthlyFactor(), "a nested key left out keeps its default");
        assertEquals(new BigDecimal("0.729"), partial.decay().factor(3));
        assertEquals(BigDecimal.ONE, partial.decay().factor(0));
    }
}
