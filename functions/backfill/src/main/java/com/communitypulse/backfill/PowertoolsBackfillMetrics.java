package com.communitypulse.backfill;

import com.communitypulse.backfill.domain.BackfillService;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link BackfillMetrics} as CloudWatch embedded metrics (EMF on stdout) through Powertools, one line per step:
 * {@code BackfillPages}, {@code BackfillItems}, {@code BackfillEvents}, {@code BackfillRequests},
 * {@code BackfillRateLimited}; and {@code BackfillFailures} (docs/backfill.md).
 */
public final class PowertoolsBackfillMetrics implements BackfillMetrics {
    private final Metrics metrics;

    public PowertoolsBackfillMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        metrics.setNamespace(namespace);
    }

    @Override
    public void stepped(BackfillService.Step step) {
        metrics.addMetric("BackfillPages", step.pages(), MetricUnit.COUNT);
        metrics.addMetric("BackfillItems", step.items(), MetricUnit.COUNT);
        metrics.addMetric("BackfillEvents", step.events(), MetricUnit.COUNT);
        metrics.addMetric("BackfillRequests", step.requests(), MetricUnit.COUNT);
        metrics.addMetric("BackfillRateLimited", step.resumeAfter() != null
                && step.status() == com.communitypulse.backfill.domain.BackfillState.Status.WAITING ? 1 : 0, MetricUnit.COUNT);
        metrics.flush();
    }

    @Override
    public void failed(String reason) {
        metrics.addMetric("BackfillFailures", 1, MetricUnit.COUNT);
        metrics.flush();
    }
}
