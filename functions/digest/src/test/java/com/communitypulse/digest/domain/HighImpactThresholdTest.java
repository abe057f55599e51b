package com.communitypulse.digest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.Activity;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.DigestFigures.HighImpactAction;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.figures.ResponseDebt;
import com.communitypulse.shared.scoring.ScoringConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The digest lists high-impact actions by the scoring config's {@code high_impact_threshold}, the one the scorer
 * publishes {@code action.high_impact} by: it used to hard-code 0.8, so an override made the two disagree.
 */
class HighImpactThresholdTest {
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    private static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");
    private static final List<Activity> WINDOW = List.of(
            new Activity("a1", "github:583231", "octocat", "user", "github", "pr_merged", "o/r", 0.6,
                    Instant.parse("2026-11-17T10:00:00Z"), false, null, null, null, null),
            new Activity("a2", "github:1", "mona", "user", "github", "pr_merged", "o/r", 0.9,
                    Instant.parse("2026-11-18T10:00:00Z"), false, null, null, null, null));

    private static List<String> listed(DigestFigures f) {
        return f.highImpactActions().stream().map(HighImpactAction::login).toList();
    }

    @Test
    void theDefaultIsTheScoringConfigsDefault() {
        DigestFigures f = FigureCalculator.compute(WEEK, AS_OF, WINDOW, Map.of(), Map.of());
        assertEquals(ScoringConfig.defaults().highImpactThreshold(), f.highImpactAbove());
        assertEquals(List.of("mona"), listed(f));
    }

    @Test
    void anOverriddenThresholdIsTheOneTheDigestListsAndStates() {
        BigDecimal threshold = ScoringConfig.parse("{\"high_impact_threshold\": 0.5}").highImpactThreshold();
        DigestFigures f = FigureCalculator.compute(WEEK, AS_OF, ResponseDebt.DEFAULT_TARGET, threshold, WINDOW, Map.of(), Map.of());
        assertEquals(List.of("mona", "octocat"), listed(f));
        DigestContent content = DigestRenderer.render(f, Optional.empty());
        assertTrue(content.text().contains("HIGH-IMPACT ACTIONS (impact above 0.5)"), content.text());
        assertTrue(content.text().contains("high-impact actions score above 0.5"), content.text());
        assertTrue(content.html().contains("high-impact actions score above 0.5"), content.html());
    }
}
