package com.communitypulse.reconcile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.reconcile.domain.ReconcileService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** A run's counts under the names docs/github-reconciler.md lists, as Powertools prints them (EMF on stdout). */
class PowertoolsReconcileMetricsTest {
    @Test
    void aRunIsOneLineOfItsCounts() {
        ReconcileMetrics metrics = new PowertoolsReconcileMetrics(MetricsFactory.getMetricsInstance(), "CommunityPulseTest");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            metrics.ran(new ReconcileService.Summary(1, 5, 4, 2, 1, 1, 0, 0, 0, true, List.of()));
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        for (String name : List.of("DeliveriesListed", "DeliveriesSeen", "DeliveriesMissing", "RedeliveriesRequested",
                "DeliveriesRecovered", "DeliveriesLost", "RedeliveriesDeferred", "ReconcileRateLimited")) {
            assertTrue(printed.contains("\"" + name + "\""), name + " in " + printed);
        }
        assertTrue(printed.contains("CommunityPulseTest"), printed);
    }
}
