package com.communitypulse.webhook;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link WebhookMetrics} as CloudWatch embedded metrics through Powertools' functional API. Each
 * request's one metric is written at once with its own dimensions ({@code platform}, and
 * {@code reason} for rejections), so concurrent requests in one process never mix dimensions.
 */
public final class PowertoolsWebhookMetrics implements WebhookMetrics {
    private final Metrics metrics;
    private final String namespace;

    public PowertoolsWebhookMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    @Override
    public void accepted(String platform) {
        count("accepted", DimensionSet.of("platform", platform));
    }

    @Override
    public void rejected(String platform, String reason) {
        count("rejected", DimensionSet.of("platform", platform, "reason", reason));
    }

    @Override
    public void duplicate(String platform) {
        count("duplicates", DimensionSet.of("platform", platform));
    }

    private void count(String name, DimensionSet dimensions) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace, dimensions);
    }
}
