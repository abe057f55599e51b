package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.scoring.ScoringConfig;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review job: which month a scheduled event reviews, and its count. */
class MonthlyReviewTest {
    @Test
    void theScheduleReviewsTheMonthBeforeItsTimeAndDetailMonthPicksOne() {
        assertEquals(YearMonth.of(2026, 11), MonthlyReview.month(Map.of("time", "2026-12-01T06:00:00Z", "detail", Map.of())));
        assertEquals(YearMonth.of(2026, 12), MonthlyReview.month(Map.of("time", "2027-01-01T06:00:00Z")));
        assertEquals(YearMonth.of(2026, 10), MonthlyReview.month(Map.of("time", "2026-12-01T06:00:00Z",
                "detail", Map.of("month", "2026-10"))));
        var e = assertThrows(IllegalArgumentException.class, () -> MonthlyReview.month(Map.of("detail", Map.of())));
        assertEquals("the scheduled event needs a 'time' (ISO-8601) or detail.month (yyyy-MM), got 'null'", e.getMessage());
    }

    @Test
    void aRunCountsItsDemotions() {
        RecordingScoreMetrics metrics = new RecordingScoreMetrics();
        TierReview review = new TierReview(new FakeStores.Contributors(), new FakeStores.EmptyBoard(), events -> { },
                ScoringConfig.defaults(), Duration.ofDays(400));
        TierReview.Result result = new MonthlyReview(review, metrics).run(Map.of("time", "2026-12-01T06:00:00Z"));
        assertEquals(new TierReview.Result(YearMonth.of(2026, 11), 0, 0, 0, 0), result);
        assertEquals(List.of("reviewed demoted=0"), metrics.calls);
    }
}
