package com.communitypulse.digest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.Activity;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.DigestFigures.ImpactRow;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.IsoWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 15: the demo's GitHub ada and Discord ada are two people, and "Top by impact" must not show two adas. */
class TopByImpactNamesTest {
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    private static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");

    private static Activity act(String person, String login, String platform, String type, double impact, String ts) {
        return new Activity("id-" + person + ts, person, login, "user", platform, type, "octo-org/widgets", impact,
                Instant.parse(ts), false, null, null, null, null);
    }

    private static DigestFigures figures(Activity... items) {
        return FigureCalculator.compute(WEEK, AS_OF, List.of(items), Map.of(), Map.of());
    }

    @Test
    void twoPeopleWithOneLoginSayTheirPlatformInTextAndHtml() {
        DigestFigures f = figures(
                act("github:583231", "ada", "github", "pr_merged", 0.6, "2026-11-17T10:00:00Z"),
                act("discord:80351110224678912", "ada", "discord", "message_posted", 0.1, "2026-11-18T10:00:00Z"),
                act("github:1", "grace", "github", "comment", 0.1, "2026-11-18T11:00:00Z"));
        assertEquals(List.of("ada (github)", "ada (discord)", "grace"),
                f.topByImpact().stream().map(ImpactRow::login).toList());

        DigestContent content = DigestRenderer.render(f, Optional.empty());
        assertTrue(content.text().contains("ada (github)"), content.text());
        assertTrue(content.text().contains("ada (discord)"), content.text());
        assertTrue(content.html().contains("ada (github)"), content.html());
        assertTrue(content.html().contains("ada (discord)"), content.html());
    }

    @Test
    void aLoginOnlyOnePersonHasStaysBare() {
        DigestFigures f = figures(act("github:583231", "ada", "github", "pr_merged", 0.6, "2026-11-17T10:00:00Z"),
                act("github:583231", "ada", "github", "comment", 0.1, "2026-11-18T10:00:00Z"));
        assertEquals(List.of("ada"), f.topByImpact().stream().map(ImpactRow::login).toList());
        assertFalse(DigestRenderer.render(f, Optional.empty()).text().contains("ada ("));
    }

    @Test
    void onePlatformTwoPeopleFallBackToTheirIds() {
        DigestFigures f = figures(act("discourse:forum.example:7", "ada", "discourse", "reply_given", 0.4, "2026-11-17T10:00:00Z"),
                act("discourse:other.example:9", "Ada", "discourse", "reply_given", 0.1, "2026-11-18T10:00:00Z"));
        assertEquals(List.of("ada (discourse:forum.example:7)", "Ada (discourse:other.example:9)"),
                f.topByImpact().stream().map(ImpactRow::login).toList());
    }
}
