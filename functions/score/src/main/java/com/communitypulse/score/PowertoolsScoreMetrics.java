package com.communitypulse.score;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link ScoreMetrics} as CloudWatch embedded metrics (EMF on stdout) through Powertools: each call adds its
 * counts and flushes them as one line, so nothing outlives the invocation.
 */
public final class PowertoolsScoreMetrics implements ScoreMetrics {
    private final Metrics metrics;

    public PowertoolsScoreMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        metrics.setNamespace(namespace);
    }

    @Override
    public void actionScored(boolean recorded, int attempts, int eventsPublished) {
        metrics.addMetric(recorded ? "ActionsRecorded" : "ActionsRedelivered", 1, MetricUnit.COUNT);
        metrics.addMetric("ScoringAttempts", attempts, MetricUnit.COUNT);
        metrics.addMetric("EventsPublished", eventsPublished, MetricUnit.COUNT);
        metrics.flush();
    }

    @Override
    public void actionDroppedErased() {
        metrics.addMetric("ActionsDroppedErased", 1, MetricUnit.COUNT);
        metrics.flush();
    }

    @Override
    public void tierReviewed(int demoted) {
        metrics.addMetric("TierReviewDemotions", demoted, MetricUnit.COUNT);
        metrics.flush();
    }

    @Override
    public void suggestionsWritten(int written) {
        if (written > 0) {
            metrics.addMetric("SuggestionsWritten", written, MetricUnit.COUNT);
            metrics.flush();
        }
    }

    @Override
    public void suggestionFailed() {
        metrics.addMetric("SuggestionsFailed", 1, MetricUnit.COUNT);
        metrics.flush();
    }
}
