package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** The metric names the dashboards and docs use, as Powertools prints them (EMF on stdout). */
class PowertoolsScoreMetricsTest {
    private final ScoreMetrics metrics = new PowertoolsScoreMetrics(MetricsFactory.getMetricsInstance(), "CommunityPulseTest");

    @Test
    void anActionIsOneLineOfItsCounts() {
        String printed = capturingStdout(() -> metrics.actionScored(true, 2, 1));
        assertTrue(printed.contains("\"ActionsRecorded\""), printed);
        assertTrue(printed.contains("\"ScoringAttempts\""), printed);
        assertTrue(printed.contains("\"EventsPublished\""), printed);
        assertTrue(capturingStdout(() -> metrics.actionScored(false, 1, 0)).contains("\"ActionsRedelivered\""));
    }

    @Test
    void aDropAndAReviewAreCountedOnTheirOwn() {
        String dropped = capturingStdout(metrics::actionDroppedErased);
        assertTrue(dropped.contains("\"ActionsDroppedErased\""), dropped);
        assertFalse(dropped.contains("\"ActionsRecorded\""), "nothing left over from an earlier line: " + dropped);
        String reviewed = capturingStdout(() -> metrics.tierReviewed(3));
        assertTrue(reviewed.contains("\"TierReviewDemotions\""), reviewed);
    }

    @Test
    void suggestionsWrittenAndFailedAreCountedOnTheirOwn() {
        String written = capturingStdout(() -> metrics.suggestionsWritten(2));
        assertTrue(written.contains("\"SuggestionsWritten\""), written);
        assertTrue(capturingStdout(() -> metrics.suggestionsWritten(0)).isEmpty(), "a new login with nobody to suggest prints nothing");
        String failed = capturingStdout(metrics::suggestionFailed);
        assertTrue(failed.contains("\"SuggestionsFailed\""), failed);
        assertFalse(failed.contains("\"SuggestionsWritten\""), failed);
    }

    private static String capturingStdout(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
