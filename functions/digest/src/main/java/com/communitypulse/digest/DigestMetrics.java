package com.communitypulse.digest;

import com.communitypulse.shared.config.Env;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The digest's two metrics: {@code DigestSent} and {@code DigestSkipped} (already sent or in progress). */
public interface DigestMetrics {
    void sent(String week);

    void skipped(String week, String reason);

    /** Powertools' functional API (EMF to stdout, which CloudWatch turns into metrics). */
    static DigestMetrics powertools(Env env) {
        var metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse"));
        return new DigestMetrics() {
            @Override
            public void sent(String week) {
                metrics.addMetadata("week", week);
                metrics.addMetric("DigestSent", 1, MetricUnit.COUNT);
                metrics.flush();
            }

            @Override
            public void skipped(String week, String reason) {
                metrics.addMetadata("week", week);
                metrics.addMetadata("reason", reason);
                metrics.addMetric("DigestSkipped", 1, MetricUnit.COUNT);
                metrics.flush();
            }
        };
    }
}
