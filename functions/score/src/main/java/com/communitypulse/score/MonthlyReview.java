package com.communitypulse.score;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The score function's second job, for the monthly schedule ({@code detail-type: Scheduled Event}): the
 * {@link TierReview} of the month before the event's {@code time}, or of {@code detail.month} ({@code yyyy-MM},
 * to re-run one by hand), and its count of demotions.
 */
public final class MonthlyReview {
    private final TierReview review;
    private final ScoreMetrics metrics;

    public MonthlyReview(TierReview review, ScoreMetrics metrics) {
        this.review = review;
        this.metrics = metrics;
    }

    public TierReview.Result run(Map<String, Object> envelope) {
        TierReview.Result reviewed = review.review(month(envelope));
        metrics.tierReviewed(reviewed.demoted());
        return reviewed;
    }

    /** {@code detail.month} when given, else the calendar month before the event's {@code time}. */
    static YearMonth month(Map<String, Object> envelope) {
        Object month = envelope.get("detail") instanceof Map<?, ?> d ? d.get("month") : null;
        try {
            return month != null ? YearMonth.parse(month.toString())
                    : YearMonth.from(OffsetDateTime.parse(String.valueOf(envelope.get("time")))).minusMonths(1);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the scheduled event needs a 'time' (ISO-8601) or detail.month (yyyy-MM), got '"
                    + e.getParsedString() + "'");
        }
    }
}
