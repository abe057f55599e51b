package com.communitypulse.reconcile;

import com.communitypulse.reconcile.domain.ReconcileService;

/** What one run counts; {@link PowertoolsReconcileMetrics} writes them as Powertools (EMF) metrics. */
@FunctionalInterface
public interface ReconcileMetrics {
    ReconcileMetrics NONE = summary -> {
    };

    /** The run's counts, summed over its hooks (also for a run that then fails on a hook). */
    void ran(ReconcileService.Summary summary);
}
