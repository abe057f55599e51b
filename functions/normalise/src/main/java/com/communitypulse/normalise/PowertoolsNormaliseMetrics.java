package com.communitypulse.normalise;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link NormaliseMetrics} as CloudWatch embedded metrics through Powertools' functional API. Each
 * metric is written at once with its own {@code event} dimension, so concurrent invocations in one
 * process (the local runner) never mix dimensions.
 */
public final class PowertoolsNormaliseMetrics implements NormaliseMetrics {
    static final String ACTIONS = "actions";
    static final String IGNORED = "ignored";
    static final String UNMAPPABLE = "unmappable";
    static final String EVENT = "event";

    private final Metrics metrics;
    private final String namespace;

    public PowertoolsNormaliseMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    @Override
    public void published(String event, int actions) {
        metrics.flushSingleMetric(ACTIONS, actions, MetricUnit.COUNT, namespace, DimensionSet.of(EVENT, event));
    }

    @Override
    public void ignored(String event) {
        metrics.flushSingleMetric(IGNORED, 1, MetricUnit.COUNT, namespace, DimensionSet.of(EVENT, event));
    }

    @Override
    public void unmappable(String event) {
        metrics.flushSingleMetric(UNMAPPABLE, 1, MetricUnit.COUNT, namespace, DimensionSet.of(EVENT, event));
    }
}
