package com.communitypulse.digest;

import com.communitypulse.shared.config.Env;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link DigestMetrics} through Powertools' functional API (EMF to stdout, which CloudWatch turns into metrics).
 * Each line is flushed from a context of its own: metadata added to the shared instance would outlive the
 * invocation and ride on every later line (a skipped week's {@code reason} on the next send).
 */
public final class PowertoolsDigestMetrics implements DigestMetrics {
    private final Metrics metrics;
    private final String namespace;

    public PowertoolsDigestMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    /** The process's Powertools instance, in {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code CommunityPulse}). */
    public static PowertoolsDigestMetrics from(Env env) {
        var metrics = MetricsFactory.getMetricsInstance();
        String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse");
        metrics.setNamespace(namespace);
        return new PowertoolsDigestMetrics(metrics, namespace);
    }

    @Override
    public void sent(String week) {
        metrics.flushMetrics(line -> {
            line.setNamespace(namespace);
            line.addMetadata("week", week);
            line.addMetric("DigestSent", 1, MetricUnit.COUNT);
        });
    }

    @Override
    public void skipped(String week, String reason) {
        metrics.flushMetrics(line -> {
            line.setNamespace(namespace);
            line.addMetadata("week", week);
            line.addMetadata("reason", reason);
            line.addMetric("DigestSkipped", 1, MetricUnit.COUNT);
        });
    }
}
