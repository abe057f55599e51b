package com.communitypulse.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.digest.domain.DigestContent;
import com.communitypulse.digest.domain.DigestRenderer;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sample week's digest shows the GitHub reconciler's ingest line only when the reconciler counted. */
class SampleDigestIngestLineTest {
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
