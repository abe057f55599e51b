package com.communitypulse.reconcile;

import com.communitypulse.reconcile.domain.ReconcileService;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link ReconcileMetrics} as CloudWatch embedded metrics (EMF on stdout) through Powertools, one line per run:
 * {@code DeliveriesListed}, {@code DeliveriesSeen}, {@code DeliveriesMissing}, {@code RedeliveriesRequested},
 * {@code DeliveriesRecovered}, {@code DeliveriesLost}, {@code RedeliveriesDeferred}, {@code ReconcileRateLimited}
 * (docs/github-reconciler.md).
 */
public final class PowertoolsReconcileMetrics implements ReconcileMetrics {
    private final Metrics metrics;

    public PowertoolsReconcileMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        metrics.setNamespace(namespace);
    }

    @Override
    public void ran(ReconcileService.Summary summary) {
        count("DeliveriesListed", summary.listed());
        count("DeliveriesSeen", summary.seen());
        count("DeliveriesMissing", summary.missing());
        count("RedeliveriesRequested", summary.redeliveryRequested());
        count("DeliveriesRecovered", summary.recovered());
        count("DeliveriesLost", summary.lost());
        count("RedeliveriesDeferred", summary.deferred());
        count("ReconcileRateLimited", summary.rateLimited() ? 1 : 0);
        metrics.flush();
    }

    private void count(String name, int value) {
        metrics.addMetric(name, value, MetricUnit.COUNT);
    }
}
