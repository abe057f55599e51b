package com.communitypulse.welcome;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link WelcomeMetrics} as CloudWatch embedded metrics through Powertools' functional API: one EMF line
 * per count with exactly its dimensions. Dimensions added to the shared {@link Metrics} instance would
 * outlive the flush and stick to the next invocation's metrics.
 */
final class PowertoolsWelcomeMetrics implements WelcomeMetrics {
    static final String PLATFORM = "platform";
    static final String REASON = "reason";

    private final Metrics metrics;
    private final String namespace;

    PowertoolsWelcomeMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    @Override
    public void count(String name, String platform) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace, DimensionSet.of(PLATFORM, platform));
    }

    @Override
    public void skipped(String name, String platform, String reason) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace, DimensionSet.of(PLATFORM, platform, REASON, reason));
    }
}
