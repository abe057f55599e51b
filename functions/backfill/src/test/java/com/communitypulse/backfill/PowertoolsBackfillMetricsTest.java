package com.communitypulse.backfill;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.backfill.domain.BackfillService;
import com.communitypulse.backfill.domain.BackfillState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** A step's counts under the names docs/backfill.md lists, as Powertools prints them (EMF on stdout). */
class PowertoolsBackfillMetricsTest {
    @Test
    void aStepIsOneLineOfItsCounts() {
        BackfillMetrics metrics = new PowertoolsBackfillMetrics(MetricsFactory.getMetricsInstance(), "CommunityPulseTest");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            metrics.stepped(new BackfillService.Step("o/r", "continued", BackfillState.Status.WAITING, "issues", 3, 4, 400,
                    420, 5, 2500, Instant.parse("2026-12-01T11:00:00Z"), null));
            metrics.failed("refused");
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        for (String name : List.of("BackfillPages", "BackfillItems", "BackfillEvents", "BackfillRequests",
                "BackfillRateLimited", "BackfillFailures")) {
            assertTrue(printed.contains("\"" + name + "\""), name + " in " + printed);
        }
    }
}
