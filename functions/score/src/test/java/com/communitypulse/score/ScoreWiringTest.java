package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.score.store.ErasedIdentities;
import com.communitypulse.shared.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad setting fails at cold start, naming it, before any request. */
class ScoreWiringTest {
    @Test
    void anInvalidScoringConfigFailsAtColdStart() {
        var env = new Env(Map.of("SCORING_CONFIG", "{\"cap\": -1}",
                "TABLE_NAME", "t", "EVENT_BUS_NAME", "b", "AWS_REGION", "us-east-1"));
        var e = assertThrows(IllegalArgumentException.class, () -> new ScoreHandler(env));
        assertEquals("SCORING_CONFIG is invalid: cap must be a number >= 0, got -1", e.getMessage());
    }

    @Test
    void retentionIsWholeDaysOfAtLeastOne() {
        assertEquals(Duration.ofDays(400), ScoreWiring.retention(new Env(Map.of())));
        assertEquals(Duration.ofDays(30), ScoreWiring.retention(new Env(Map.of("RETENTION_DAYS", "30"))));
        var zero = assertThrows(IllegalArgumentException.class, () -> ScoreWiring.retention(new Env(Map.of("RETENTION_DAYS", "0"))));
        assertEquals("RETENTION_DAYS must be at least 1, got 0", zero.getMessage());
    }

    @Test
    void anUnsetErasureSaltIsTheTemplateDefault() {
        assertEquals(ErasedIdentities.DEFAULT_SALT, ScoreWiring.erasureSalt(new Env(Map.of())));
        assertEquals("pepper:", ScoreWiring.erasureSalt(new Env(Map.of("ERASURE_SALT", "pepper:"))));
    }
}
