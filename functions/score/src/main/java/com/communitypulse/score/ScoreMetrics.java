package com.communitypulse.score;

/**
 * What each job counts, one metric line per invocation: {@code ActionsRecorded} or {@code ActionsRedelivered},
 * {@code ScoringAttempts}, {@code EventsPublished}; {@code ActionsDroppedErased}; {@code TierReviewDemotions}.
 */
public interface ScoreMetrics {
    /** An action was scored ({@code recorded}) or found recorded before (a redelivery). */
    void actionScored(boolean recorded, int attempts, int eventsPublished);

    /** An erased person's action was acknowledged and dropped: neither recorded nor published. */
    void actionDroppedErased();

    /** A monthly tier review ran. */
    void tierReviewed(int demoted);

    /** Metrics off (tests that do not look at them). */
    ScoreMetrics NONE = new ScoreMetrics() {
        @Override
        public void actionScored(boolean recorded, int attempts, int eventsPublished) {
        }

        @Override
        public void actionDroppedErased() {
        }

        @Override
        public void tierReviewed(int demoted) {
        }
    };
}
