package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler only routes: a scheduled event to the monthly review, anything else to the scoring job. */
class ScoreHandlerTest {
    private final RecordingScoreMetrics metrics = new RecordingScoreMetrics();
    private final ScoreAction scoring = new ScoreAction(new ScoringService(new FakeStores.Contributors(),
            new RecordingPublisher(), new Scorer(ScoringConfig.defaults()), Duration.ofDays(400)), null, metrics);
    private final MonthlyReview review = new MonthlyReview(new TierReview(new FakeStores.Contributors(),
            new FakeStores.EmptyBoard(), events -> { }, ScoringConfig.defaults(), Duration.ofDays(400)), metrics);

    @Test
    void eachDetailTypeGoesToItsJob() throws Exception {
        ScoreHandler handler = new ScoreHandler(scoring, review);
        handler.handleRequest(Map.of("detail-type", "Scheduled Event", "time", "2026-12-01T06:00:00Z"), null);
        handler.handleRequest(Fixtures.eventJson("score-bot-comment.json"), null);
        assertEquals(List.of("reviewed demoted=0", "scored recorded attempts=1 events=0"), metrics.calls);
    }

    @Test
    void aScheduledEventNeedsAReview() {
        var e = assertThrows(IllegalStateException.class, () -> new ScoreHandler(scoring, null)
                .handleRequest(Map.of("detail-type", "Scheduled Event", "time", "2026-12-01T06:00:00Z"), null));
        assertEquals("this handler was built without a tier review", e.getMessage());
    }
}
