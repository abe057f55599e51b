package com.communitypulse.score;

/**
 * What each job counts, one metric line per invocation: {@code ActionsRecorded} or {@code ActionsRedelivered},
 * {@code ScoringAttempts}, {@code EventsPublished}; {@code ActionsDroppedErased}; {@code TierReviewDemotions}; {@code SuggestionsWritten}, {@code SuggestionsFailed}.
 */
public interface ScoreMetrics {
    /** An action was scored ({@code recorded}) or found recorded before (a redelivery). */
    void actionScored(boolean recorded, int attempts, int eventsPublished);

    /** An erased person's action was acknowledged and dropped: neither recorded nor published. */
    void actionDroppedErased();

    /** A monthly tier review ran. */
    void tierReviewed(int demoted);

    /** Link suggestions written after an action recorded a new login ({@code SuggestionsWritten}). */
    default void suggestionsWritten(int written) {
    }

    /** Writing the link suggestions of a recorded action failed; the action stays recorded ({@code SuggestionsFailed}). */
    default void suggestionFailed() {
    }

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
