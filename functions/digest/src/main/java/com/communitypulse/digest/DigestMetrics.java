package com.communitypulse.digest;

import com.communitypulse.shared.config.Env;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The digest's two metrics: {@code DigestSent} and {@code DigestSkipped} (already sent or in progress). */
public interface DigestMetrics {
    void sent(String week);

    void skipped(String week, String reason);

    /**
     * Powertools' functional API (EMF to stdout, which CloudWatch turns into metrics). Each line
     * is flushed from a context of its own: metadata added to the shared instance would outlive
     * the invocation and ride on every later line (a skipped week's {@code reason} on the next send).
     */
    static DigestMetrics powertools(Env env) {
        var metrics = MetricsFactory.getMetricsInstance();
        String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse");
        metrics.setNamespace(namespace);
        return new DigestMetrics() {
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
        };
    }
}
