package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "{\"bot_login_patterns\": [\"[bot\"]}    | is not a valid regular expression"})
    void invalidConfigFailsFastWithAClearMessage(String json, String expected) {
        var error = assertThrows(IllegalArgumentException.class, () -> ScoringConfig.parse(json));
        assertTrue(error.getMessage().startsWith("SCORING_CONFIG is invalid: "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
