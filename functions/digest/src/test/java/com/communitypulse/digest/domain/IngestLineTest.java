package com.communitypulse.digest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.SampleWeek;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IngestCounts;
import com.communitypulse.shared.figures.IsoWeek;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The digest's ingest-completeness line, from the GitHub reconciler's INGEST# item of the week ({@code IngestLineIT} reads it). */
class IngestLineTest {
    @Test
    void theLineSaysHowManyDeliveriesAndHowManyWereRecovered() {
        assertEquals("412 deliveries, 3 recovered", new IngestCounts(412, 0, 3, 3, 0, false).line());
        assertEquals("412 deliveries, 3 recovered (5 failed at first), 1 lost", new IngestCounts(412, 5, 4, 3, 1, false).line());
        assertEquals("at least 1 delivery, 0 recovered", new IngestCounts(1, 0, 0, 0, 0, true).line());
    }

    @Test
    void theDigestShowsItInTextAndHtmlOnlyWhenTheReconcilerCounted() {
        DigestFigures figures = SampleWeek.figures(IsoWeek.parse("2026-W47"), Instant.parse("2026-11-23T09:00:00Z"));
        DigestContent with = DigestRenderer.render(figures, Optional.empty(), Optional.of("412 deliveries, 3 recovered"));
        assertTrue(with.text().contains("GitHub deliveries: 412 deliveries, 3 recovered\n"), with.text());
        assertTrue(with.html().contains("GitHub deliveries") && with.html().contains("412 deliveries, 3 recovered"));
        DigestContent without = DigestRenderer.render(figures, Optional.empty());
        assertFalse(without.text().contains("GitHub deliveries"));
        assertFalse(without.html().contains("GitHub deliveries"));
    }
}
