package com.communitypulse.reconcile;

/** Counts of one run; the handler's implementation writes Powertools (EMF) metrics. */
@FunctionalInterface
public interface ReconcileMetrics {
    ReconcileMetrics NONE = (name, value) -> {
    };

    /** {@code DeliveriesSeen}, {@code RedeliveriesRequested}, {@code DeliveriesRecovered}, {@code DeliveriesLost}, ... */
    void count(String name, int value);
}
